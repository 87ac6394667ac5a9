package io.stressgate.engine.load;

import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.Histograms;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Measures what the generator itself costs: its process CPU, each event loop's thread CPU per interval, and the
 * open model's schedule lag. A loop that is busy nearly all the time, or that starts iterations late, means the
 * figures measure the generator more than the target, and the report says so. Late starts while every loop was
 * mostly idle are not the generator's doing: its threads waited for a CPU other processes held (on a shared agent,
 * often the system under test), so the run is not called saturated, but the lateness is still reported.
 */
final class GeneratorMeter {
    /** A loop busier than this share of an interval counts as saturated for that interval. */
    static final double BUSY_LIMIT = 0.90;
    /** A run counts as saturated when this share of its intervals had a saturated loop. */
    static final double SATURATED_SHARE = 0.25;
    /** The open model counts as late when its 99th percentile of start lag exceeds this. */
    static final double LAG_LIMIT_MS = 50;
    /**
     * Late starts count as the generator's own saturation only if some loop was busier than this in some interval;
     * below it the loops were waiting for a CPU, not working.
     */
    static final double OWN_LAG_BUSY = 0.45;

    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final long[] lastCpu;
    private final double[] busyTotal;
    private long lastWall;
    private long startWall;
    private long startProcessCpu;
    private long endProcessCpu;
    private long endWall;
    private int intervals;
    private int saturatedIntervals;
    private double peakBusy;

    GeneratorMeter(int loops) {
        lastCpu = new long[loops];
        busyTotal = new double[loops];
    }

    void start(List<Thread> threads) {
        startProcessCpu = processCpu();
        startWall = System.nanoTime();
        lastWall = startWall;
        for (int i = 0; i < threads.size(); i++) {
            lastCpu[i] = threadCpu(threads.get(i));
        }
    }

    void interval(List<Thread> threads) {
        long now = System.nanoTime();
        long wall = now - lastWall;
        if (wall <= 0) {
            return;
        }
        boolean saturated = false;
        for (int i = 0; i < threads.size(); i++) {
            long cpu = threadCpu(threads.get(i));
            double busy = (cpu - lastCpu[i]) / (double) wall;
            busyTotal[i] += cpu - lastCpu[i];
            saturated |= busy >= BUSY_LIMIT;
            peakBusy = Math.max(peakBusy, busy);
            lastCpu[i] = cpu;
        }
        intervals++;
        if (saturated) {
            saturatedIntervals++;
        }
        lastWall = now;
    }

    void stop(List<Thread> threads) {
        interval(threads);
        endProcessCpu = processCpu();
        endWall = System.nanoTime();
    }

    GeneratorInfo info(List<EventLoop> loops, long requests, boolean open, int preconnected, String tlsFailure) {
        double wall = Math.max(1, endWall - startWall);
        double processCpu = Math.max(0, endProcessCpu - startProcessCpu);
        double busiest = 0;
        for (double total : busyTotal) {
            busiest = Math.max(busiest, total / wall);
        }
        Histogram lag = Histograms.forRequests();
        loops.forEach(l -> lag.add(l.scheduleLag));
        double lagP99 = lag.getTotalCount() == 0 ? 0 : Histograms.percentileMs(lag, 99);
        Verdict verdict = judge(busiest, peakBusy, open ? lagP99 : 0, intervals, saturatedIntervals);
        Runtime rt = Runtime.getRuntime();
        return new GeneratorInfo(version(), loops.size(), rt.availableProcessors(), Histograms.round(processCpu / wall * 100),
                requests == 0 ? 0 : Histograms.round(processCpu / 1000.0 / requests), Histograms.round(busiest * 100),
                lagP99, loops.stream().mapToLong(EventLoop::connectionsOpened).sum(), preconnected,
                rt.totalMemory() - rt.freeMemory(), verdict.saturated(), verdict.reason(), tlsFailure);
    }

    /** Whether the generator was saturated, and why; a reason without saturation says why starts were late anyway. */
    record Verdict(boolean saturated, String reason) {
    }

    static Verdict judge(double busiest, double peakBusy, double lagP99, int intervals, int saturatedIntervals) {
        if (intervals > 0 && saturatedIntervals >= Math.max(1, SATURATED_SHARE * intervals)) {
            return new Verdict(true, "an event loop was busy over " + Math.round(BUSY_LIMIT * 100) + "% of " + saturatedIntervals
                    + " of " + intervals + " intervals (busiest " + Math.round(busiest * 100) + "% overall): the figures may measure the generator");
        }
        if (lagP99 > LAG_LIMIT_MS && peakBusy >= OWN_LAG_BUSY) {
            return new Verdict(true, "the open model started iterations late (p99 lag " + lagP99 + " ms) while a loop was up to "
                    + Math.round(peakBusy * 100) + "% busy: the generator could not keep up");
        }
        if (lagP99 > LAG_LIMIT_MS) {
            return new Verdict(false, "the open model started iterations late (p99 lag " + lagP99 + " ms) while its loops were at"
                    + " most " + Math.round(peakBusy * 100) + "% busy: other processes held this machine's CPU; latency, counted"
                    + " from the intended start, includes that wait");
        }
        return new Verdict(false, null);
    }

    private long threadCpu(Thread t) {
        long cpu = threadBean.getThreadCpuTime(t.getId());
        return Math.max(cpu, 0);
    }

    private long processCpu() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static String version() {
        String v = GeneratorMeter.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
