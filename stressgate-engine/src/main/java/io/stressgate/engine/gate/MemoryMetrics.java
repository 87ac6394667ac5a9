package io.stressgate.engine.gate;

import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;

/**
 * The per-process memory metrics of a watched group, as gates name them: OOM kills, processes seen, the growth of
 * its RSS and its increase over the steady part, and the largest peak of a single process. Each breaks with its
 * reason when the results do not hold it: a group never seen running, too few samples, no readable OOM counter.
 */
final class MemoryMetrics {
    private MemoryMetrics() {
    }

    static MetricValue value(ProcessSummary p, String stat) {
        if (!stat.equals("oom_kills") && !stat.equals("pids_seen") && !stat.equals("rss_growth")
                && !stat.equals("rss_max_process") && !stat.equals("memory_increase")) {
            return MetricValue.missing("unknown statistic " + stat);
        }
        if (p.pidsSeen() == null) {
            return MetricValue.missing("the results hold no per-process figures (written by an older version)");
        }
        if (p.pidsSeen() == 0) {
            return MetricValue.missing("no process of the group was ever seen running");
        }
        return switch (stat) {
            case "oom_kills" -> oomKills(p.oomKills());
            case "pids_seen" -> MetricValue.of(p.pidsSeen());
            case "rss_max_process" -> p.rssMaxProcessBytes() == null
                    ? MetricValue.missing("no process of the group was listed") : MetricValue.of(p.rssMaxProcessBytes());
            default -> growth(p.rssGrowth(), stat);
        };
    }

    private static MetricValue oomKills(OomKills oom) {
        if (oom == null) {
            return MetricValue.missing("OOM kills were not counted");
        }
        return oom.count() == null ? MetricValue.missing("no OOM-kill source was readable: " + oom.detail())
                : MetricValue.of(oom.count());
    }

    private static MetricValue growth(RssGrowth g, String stat) {
        if (g == null) {
            return MetricValue.missing("the group's RSS over time was not recorded");
        }
        // not a conditional expression: Double and Long would be unboxed to double, and a null would throw
        Number value = g.increaseBytes();
        if (stat.equals("rss_growth")) {
            value = g.bytesPerMinute();
        }
        return value == null ? MetricValue.missing("no growth could be fitted: " + g.reason())
                : MetricValue.of(value.doubleValue());
    }
}
