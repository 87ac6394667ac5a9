package io.stressgate.engine.metrics;

/**
 * Reads the machine from Linux {@code /proc/stat}, {@code /proc/meminfo} and {@code /proc/loadavg}: fresh on every
 * call, with no cache in between. Inside a container these show the host, not the container's cgroup limits.
 */
final class ProcMachineReader implements MachineReader {
    /** The aggregate cpu line comes first; the rest of /proc/stat (per-cpu lines, interrupts) is not needed. */
    private static final int CPU_LINE_LIMIT = 512;

    private final ProcFs proc;

    ProcMachineReader(String root) {
        this.proc = new ProcFs(root);
    }

    @Override
    public MachineSample read() {
        require("stat", CPU_LINE_LIMIT);
        long[] cpu = ProcParsers.cpuTicks(proc.bytes(), proc.length());
        require("meminfo", 1 << 16);
        ProcParsers.MemInfo mem = ProcParsers.memInfo(proc.bytes(), proc.length());
        require("loadavg", 256);
        double load = ProcParsers.load1(proc.bytes(), proc.length());
        long swapUsed = mem.swapTotalBytes() < 0 || mem.swapFreeBytes() < 0 ? 0
                : mem.swapTotalBytes() - mem.swapFreeBytes();
        return new MachineSample(cpu[0], cpu[1], mem.totalBytes(), mem.availableBytes(), swapUsed, load);
    }

    private void require(String file, int limit) {
        if (!proc.read(file, limit)) {
            throw new IllegalStateException("cannot read /proc/" + file);
        }
    }
}
