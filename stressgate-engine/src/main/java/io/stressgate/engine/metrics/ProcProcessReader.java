package io.stressgate.engine.metrics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads processes from Linux {@code /proc}: {@code stat} for CPU, memory and threads, the size of {@code fd} for
 * open files (at every {@value #FD_EVERY}th read of a process), and each thread's {@code children} file for the
 * process tree. Cheaper than OSHI's process objects, which read several more files per process. Keeps each watched
 * process's {@code stat} open between ticks (up to {@value #MAX_OPEN} of them; the open file stays bound to its
 * process, so a reused pid is never read through it), reads it with one positioned read per tick, and closes those
 * not read in a tick. Used by one sampling thread.
 */
final class ProcProcessReader implements ProcessReader {
    private static final Logger LOG = LoggerFactory.getLogger(ProcProcessReader.class);
    private static final int STAT_LIMIT = 4096;
    static final int MAX_OPEN = 256;
    /** Open fds are counted at every this many reads of a process: counting costs half a read; fds change slowly. */
    static final int FD_EVERY = 5;

    private final ProcFileReader proc;
    private final Map<Long, Handle> open = new HashMap<>();
    private final long nanosPerTick;
    private final long pageSize;

    ProcProcessReader(String root, long ticksPerSecond, long pageSize) {
        this.proc = new ProcFileReader(root);
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
        this.pageSize = pageSize;
    }

    /** An open stat file, whether this tick read it, and the last count of open fds with its age in reads. */
    private static final class Handle {
        final FileChannel file;
        boolean used;
        long fds;
        int fdAge = FD_EVERY;

        Handle(FileChannel file) {
            this.file = file;
        }
    }

    @Override
    public ProcessSample read(long pid) {
        if (!readStat(pid)) {
            return null;
        }
        ProcParsers.Stat stat = ProcParsers.stat(proc.bytes(), proc.length());
        if (stat.state() == 'Z') {
            return null; // ended, only not yet reaped by its parent: a dead worker must not count as running
        }
        return new ProcessSample(pid, stat.startTicks(), stat.cpuTicks() * nanosPerTick, stat.rssPages() * pageSize,
                stat.threads(), fds(pid));
    }

    /** The open fds of a process, counted afresh at every {@value #FD_EVERY}th read (500 ms at 10 Hz). */
    private long fds(long pid) {
        Handle h = open.get(pid);
        if (h == null) {
            return proc.fdCount(pid);
        }
        if (h.fdAge++ >= FD_EVERY) {
            h.fds = proc.fdCount(pid);
            h.fdAge = 1;
        }
        return h.fds;
    }

    private boolean readStat(long pid) {
        Handle h = open.get(pid);
        if (h == null && open.size() < MAX_OPEN) {
            FileChannel file = proc.open(pid + "/stat");
            if (file == null) {
                return false;
            }
            h = new Handle(file);
            open.put(pid, h);
        }
        if (h == null) {
            return proc.read(pid + "/stat", STAT_LIMIT);
        }
        h.used = true;
        if (proc.reread(h.file, STAT_LIMIT)) {
            return true;
        }
        open.remove(pid);
        closeQuietly(h);
        return false;
    }

    @Override
    public void endTick() {
        Iterator<Handle> it = open.values().iterator();
        while (it.hasNext()) {
            Handle h = it.next();
            if (!h.used) {
                it.remove();
                closeQuietly(h);
            }
            h.used = false;
        }
    }

    @Override
    public void close() {
        open.values().forEach(ProcProcessReader::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Handle h) {
        try {
            h.file.close();
        } catch (IOException e) {
            LOG.debug("closing a /proc stat file failed; nothing was written to it: {}", e.toString());
        }
    }

    @Override
    public void children(ProcessSample process, LongConsumer children) {
        // A child is listed under the thread that forked it, so a multi-threaded process (a JVM, a thread pool)
        // needs every thread's file; a single-threaded worker needs one read.
        String pid = Long.toString(process.pid());
        if (process.threads() <= 1) {
            readChildren(pid, pid, children);
            return;
        }
        for (String tid : proc.threads(process.pid())) {
            readChildren(pid, tid, children);
        }
    }

    private void readChildren(String pid, String tid, LongConsumer children) {
        if (proc.read(pid + "/task/" + tid + "/children")) {
            ProcParsers.children(proc.bytes(), proc.length(), children);
        }
    }
}
