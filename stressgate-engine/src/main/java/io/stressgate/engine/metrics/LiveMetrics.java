package io.stressgate.engine.metrics;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.MetricRef;
import java.util.List;

/**
 * The {@code queue}, {@code process} and {@code system} metrics while the run goes, for chaos conditions and
 * aborting gates: current values are the latest sample, {@code *_max} the peak so far. A value Redis or the
 * machine did not confirm in the latest sample is missing, never a stale number.
 */
final class LiveMetrics implements MetricSource {
    private final SampleTable table;
    private final List<String> groups;
    private final QueueSampler queues;
    private final ResourceSampler resources;

    LiveMetrics(SampleTable table, List<String> groups, QueueSampler queues, ResourceSampler resources) {
        this.table = table;
        this.groups = List.copyOf(groups);
        this.queues = queues;
        this.resources = resources;
    }

    @Override
    public MetricValue value(MetricRef metric) {
        return switch (metric.family()) {
            case "queue" -> queue(metric.label("name"), metric.stat());
            case "process" -> process(metric.label("name"), metric.stat());
            case "system" -> system(metric.stat());
            default -> MetricValue.missing("the samplers do not measure " + metric.family() + " metrics");
        };
    }

    private MetricValue queue(String name, String stat) {
        if (name == null || !queues.has(name)) {
            return MetricValue.missing("no queue named " + name + " is sampled");
        }
        String column = "queue." + name + ".depth";
        return switch (stat) {
            case "depth" -> latest(column, "queue " + name + " has no current depth (not sampled yet, or Redis unreachable)");
            case "max_depth" -> max(column, "queue " + name + " was not sampled yet");
            case "unacked" -> table.columns().contains("queue." + name + ".unacked")
                    ? latest("queue." + name + ".unacked", "queue " + name + " has no current unacked count")
                    : MetricValue.missing("queue " + name + " is not a celery queue; only those have unacked tasks");
            case "drain" -> {
                Long drain = queues.drainMs(name);
                yield drain == null ? MetricValue.missing("queue " + name + " has not drained since the load ended")
                        : MetricValue.of(drain);
            }
            default -> MetricValue.missing("unknown queue statistic " + stat);
        };
    }

    private MetricValue process(String name, String stat) {
        if (name == null || !groups.contains(name)) {
            return MetricValue.missing("no process group named " + name + " is watched");
        }
        String why = "process group " + name + " has no sample yet";
        return switch (stat) {
            case "rss" -> latest(name + ".rss_bytes", why);
            case "cpu" -> latest(name + ".cpu_pct", why);
            case "count" -> latest(name + ".count", why);
            case "rss_max" -> max(name + ".rss_bytes", why);
            case "cpu_max" -> max(name + ".cpu_pct", why);
            case "threads_max" -> max(name + ".threads", why);
            case "fds_max" -> max(name + ".fds", why);
            case "children_max" -> max(name + ".children", why);
            case "count_min", "deaths", "restarts" -> lifetime(resources.lifetimes(name), stat, why);
            case "oom_kills", "pids_seen", "rss_growth", "rss_max_process", "memory_increase" -> MetricValue.missing(
                    "process " + stat + " is known only at the end of the run");
            default -> MetricValue.missing("unknown process statistic " + stat);
        };
    }

    private static MetricValue lifetime(GroupLifetimes life, String stat, String why) {
        if (life == null || life.countEnd() < 0) {
            return MetricValue.missing(why);
        }
        return MetricValue.of(switch (stat) {
            case "count_min" -> life.countMin();
            case "deaths" -> life.deaths();
            default -> life.restarts();
        });
    }

    private MetricValue system(String stat) {
        if (!table.columns().contains("cpu_pct")) {
            return MetricValue.missing("the machine is not sampled");
        }
        String why = "the machine has no sample yet";
        return switch (stat) {
            case "memory" -> latest("mem_used_bytes", why);
            case "cpu" -> latest("cpu_pct", why);
            case "memory_max" -> max("mem_used_bytes", why);
            case "cpu_max" -> max("cpu_pct", why);
            case "load_max" -> max("load1", why);
            case "swap_max" -> max("swap_used_bytes", why);
            default -> MetricValue.missing("unknown system statistic " + stat);
        };
    }

    private MetricValue latest(String column, String whyMissing) {
        return present(table.latest(table.column(column)), whyMissing);
    }

    private MetricValue max(String column, String whyMissing) {
        return present(table.max(table.column(column)), whyMissing);
    }

    private static MetricValue present(double value, String whyMissing) {
        return Double.isNaN(value) ? MetricValue.missing(whyMissing) : MetricValue.of(value);
    }
}
