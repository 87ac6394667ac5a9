package io.stressgate.engine.metrics;

import java.util.function.LongConsumer;

/**
 * Reads processes from Linux {@code /proc}: {@code stat} for CPU, memory and threads, the size of {@code fd} for
 * open files, and each thread's {@code children} file for the process tree. Cheaper than OSHI's process objects,
 * which read several more files per process. Used by one sampling thread.
 */
final class ProcProcessReader implements ProcessReader {
    private static final int STAT_LIMIT = 4096;

    private final ProcFs proc;
    private final long nanosPerTick;
    private final long pageSize;

    ProcProcessReader(String root, long ticksPerSecond, long pageSize) {
        this.proc = new ProcFs(root);
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
        this.pageSize = pageSize;
    }

    @Override
    public ProcessSample read(long pid) {
        if (!proc.read(pid + "/stat", STAT_LIMIT)) {
            return null;
        }
        ProcParsers.Stat stat = ProcParsers.stat(proc.bytes(), proc.length());
        return new ProcessSample(pid, stat.startTicks(), stat.cpuTicks() * nanosPerTick, stat.rssPages() * pageSize,
                stat.threads(), proc.fdCount(pid));
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
