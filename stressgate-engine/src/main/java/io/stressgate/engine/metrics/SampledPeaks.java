package io.stressgate.engine.metrics;

import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.SystemSummary;
import java.util.List;
import java.util.function.LongFunction;

/** The run's peaks read back from the sample table's column maxima: each process group's, and the machine's. */
final class SampledPeaks {
    private final SampleTable table;

    SampledPeaks(SampleTable table) {
        this.table = table;
    }

    /**
     * A group's peaks, with the pids it had, its members' lifetimes ({@code exitCode} names how a pid ended), each
     * process's lifetime and peak, its OOM kills and the growth of its RSS.
     */
    ProcessSummary group(String g, List<Long> pids, GroupLifetimes life, LongFunction<Integer> exitCode,
                         MemoryFollowers followers) {
        List<ProcessSummary.Death> deaths = life.deathList(exitCode);
        MemoryFollowers.Found found = followers.found(g, deaths);
        return new ProcessSummary(pids, peak(g + ".rss_bytes"), round(peakDouble(g + ".cpu_pct")),
                peak(g + ".threads"), peak(g + ".fds"), peak(g + ".children"), peak(g + ".count"),
                Math.max(0, life.countMin()), Math.max(0, life.countEnd()), life.series(), life.deaths(),
                life.restarts(), deaths, life.restartList(), found.pidsSeen(), found.lives(), found.oomKills(),
                found.growth());
    }

    /** The machine's peaks; {@code memTotalBytes} as last read. */
    SystemSummary machine(long memTotalBytes) {
        return new SystemSummary(memTotalBytes, peak("mem_used_bytes"), round(peakDouble("cpu_pct")),
                round(peakDouble("load1")), peak("swap_used_bytes"));
    }

    private long peak(String column) {
        return Math.round(peakDouble(column));
    }

    private double peakDouble(String column) {
        double max = table.max(table.column(column));
        return Double.isNaN(max) ? 0 : max;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
