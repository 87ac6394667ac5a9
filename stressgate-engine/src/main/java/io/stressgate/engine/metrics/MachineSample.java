package io.stressgate.engine.metrics;

/**
 * One reading of the machine: CPU time counters since boot (busy and total, in clock ticks), memory and swap in
 * bytes, and the one-minute load average ({@code NaN} when the platform has none).
 */
public record MachineSample(long cpuBusyTicks, long cpuTotalTicks, long memTotalBytes, long memAvailableBytes,
                            long swapUsedBytes, double load1) {

    /** CPU use of the whole machine between an earlier reading and this one, in percent of all cores. */
    public double cpuPercentSince(MachineSample earlier) {
        long total = cpuTotalTicks - earlier.cpuTotalTicks;
        if (total <= 0) {
            return Double.NaN;
        }
        long busy = Math.max(0, cpuBusyTicks - earlier.cpuBusyTicks);
        return Math.min(100.0, 100.0 * busy / total);
    }

    public long memUsedBytes() {
        return memTotalBytes - memAvailableBytes;
    }
}
