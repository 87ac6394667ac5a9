package io.stressgate.engine.metrics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the machine from Linux {@code /proc/stat}, {@code /proc/meminfo} and {@code /proc/loadavg}: fresh on every
 * call, with no cache in between. The three files stay open between calls and are read with one positioned read
 * each: the kernel writes them afresh at every read from the start. Inside a container these show the host, not the
 * container's cgroup limits. Used by one sampling thread.
 */
final class ProcMachineReader implements MachineReader {
    private static final Logger LOG = LoggerFactory.getLogger(ProcMachineReader.class);
    /** The aggregate cpu line comes first; the rest of /proc/stat (per-cpu lines, interrupts) is not needed. */
    private static final int CPU_LINE_LIMIT = 512;
    private static final String[] FILES = {"stat", "meminfo", "loadavg"};
    private static final int[] LIMITS = {CPU_LINE_LIMIT, 1 << 16, 256};

    private final ProcFileReader proc;
    private final FileChannel[] open = new FileChannel[FILES.length];

    ProcMachineReader(String root) {
        this.proc = new ProcFileReader(root);
    }

    @Override
    public MachineSample read() {
        require(0);
        long[] cpu = ProcParsers.cpuTicks(proc.bytes(), proc.length());
        require(1);
        ProcParsers.MemInfo mem = ProcParsers.memInfo(proc.bytes(), proc.length());
        require(2);
        double load = ProcParsers.load1(proc.bytes(), proc.length());
        long swapUsed = mem.swapTotalBytes() < 0 || mem.swapFreeBytes() < 0 ? 0
                : mem.swapTotalBytes() - mem.swapFreeBytes();
        return new MachineSample(cpu[0], cpu[1], mem.totalBytes(), mem.availableBytes(), swapUsed, load);
    }

    private void require(int file) {
        if (open[file] == null) {
            open[file] = proc.open(FILES[file]);
        }
        if (open[file] == null || !proc.reread(open[file], LIMITS[file])) {
            closeFile(file);
            throw new IllegalStateException("cannot read /proc/" + FILES[file]);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < open.length; i++) {
            closeFile(i);
        }
    }

    private void closeFile(int file) {
        if (open[file] == null) {
            return;
        }
        try {
            open[file].close();
        } catch (IOException e) {
            LOG.debug("closing /proc/{} failed; nothing was written to it: {}", FILES[file], e.toString());
        }
        open[file] = null;
    }
}
