package io.stressgate.engine.gate;

import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Dimension;
import io.stressgate.engine.scenario.MetricCatalog;
import io.stressgate.engine.scenario.MetricRef;
import java.util.Optional;

/** The metrics of finished results, as gates name them. */
public final class ResultsMetrics implements MetricSource {
    private final RunResults results;

    public ResultsMetrics(RunResults results) {
        this.results = results;
    }

    @Override
    public MetricValue value(MetricRef metric) {
        return switch (metric.family()) {
            case "http" -> http(metric);
            case "iterations" -> iterations(metric.stat());
            case "jobs" -> jobs(metric.stat());
            case "queue" -> queue(metric);
            case "process" -> process(metric);
            case "system" -> system(metric.stat());
            case "orphans" -> MetricValue.of(results.orphans().size());
            case "leaks" -> leaks(metric.stat());
            case "chaos" -> chaos(metric.stat());
            case "checks" -> checks(metric);
            case "load" -> breakingPoint(results.breakingPoint());
            default -> MetricValue.missing("unknown metric family " + metric.family());
        };
    }

    private MetricValue http(MetricRef metric) {
        String name = metric.label("name") == null ? RunResults.ALL : metric.label("name");
        LoadSummary s = results.load().get(name);
        if (s == null) {
            return MetricValue.missing(name.equals(RunResults.ALL) ? "the run has no load figures"
                    : "no request named " + name + " ran");
        }
        return switch (metric.stat()) {
            case "rps" -> MetricValue.of(s.rps());
            case "requests" -> MetricValue.of(s.requests());
            case "errors" -> MetricValue.of(s.errors());
            case "error_rate" -> s.requests() == 0 ? MetricValue.missing("no request was sent") : MetricValue.of(s.errorRate());
            case "dropped" -> MetricValue.of(s.dropped());
            case "timeouts" -> MetricValue.of(s.timeouts());
            case "status_4xx" -> MetricValue.of(s.statusClass(4));
            case "status_5xx" -> MetricValue.of(s.statusClass(5));
            case "bytes_received" -> MetricValue.of(s.bytesReceived());
            case "bytes_decoded" -> MetricValue.of(s.bytesDecoded());
            case "redirects" -> MetricValue.of(s.redirects());
            default -> latency(metric.stat(), s.samples(), s.latencyMs(), s.histogram());
        };
    }

    private MetricValue iterations(String stat) {
        var phases = results.phases();
        if (phases.isEmpty()) {
            return MetricValue.missing("the load did not run");
        }
        return switch (stat) {
            case "started" -> MetricValue.of(phases.stream().mapToLong(PhaseSummary::iterations).sum());
            case "succeeded" -> MetricValue.of(phases.stream().mapToLong(PhaseSummary::completed).sum()
                    + (results.jobs() == null ? 0 : results.jobs().completedAfterStopCount()));
            case "interrupted" -> MetricValue.of(phases.stream().mapToLong(PhaseSummary::interrupted).sum());
            case "dropped" -> MetricValue.of(phases.stream().mapToLong(PhaseSummary::dropped).sum());
            default -> MetricValue.missing("unknown statistic " + stat);
        };
    }

    private MetricValue jobs(String stat) {
        JobsSummary j = results.jobs();
        if (j == null) {
            return MetricValue.missing("the run submitted no jobs");
        }
        if (stat.equals("unidentified")) {
            return MetricValue.of(j.unidentifiedCount());
        }
        if (j.submitted() == 0 && !stat.equals("submitted")) {
            return MetricValue.missing(noJobSubmitted(j));
        }
        return switch (stat) {
            case "submitted" -> MetricValue.of(j.submitted());
            case "completed" -> MetricValue.of(j.completed());
            case "failed" -> MetricValue.of(j.failed());
            case "pending" -> MetricValue.of(j.pending());
            case "lost" -> MetricValue.of(j.lost());
            case "duplicated" -> MetricValue.of(j.duplicated());
            case "timeouts" -> MetricValue.of(j.timeouts());
            default -> latency(stat, j.completed(), j.latencyMs(), j.histogram());
        };
    }

    /** Why a gate over the submitted jobs has nothing to judge: a count of zero jobs proves nothing. */
    static String noJobSubmitted(JobsSummary j) {
        if (j.unidentifiedCount() > 0) {
            return "no job was submitted: " + j.unidentifiedCount() + " accepted submit"
                    + (j.unidentifiedCount() == 1 ? "" : "s") + " carried no job id; the first: " + j.unidentifiedExample();
        }
        return "no job was submitted";
    }

    /** Latency statistics: the stored ones directly, other percentiles from the stored histogram. */
    static MetricValue latency(String stat, long samples, LatencyMs l, String histogram) {
        if (samples == 0 || l == null) {
            return MetricValue.missing("nothing was timed");
        }
        switch (stat) {
            case "min": return MetricValue.of(l.min());
            case "max": return MetricValue.of(l.max());
            case "mean": return MetricValue.of(l.mean());
            case "p50": return MetricValue.of(l.p50());
            case "p90": return MetricValue.of(l.p90());
            case "p95": return MetricValue.of(l.p95());
            case "p99": return MetricValue.of(l.p99());
            case "p999", "p99.9": return MetricValue.of(l.p999());
            default: break;
        }
        Optional<Double> percentile = MetricCatalog.percentile(stat);
        if (percentile.isEmpty()) {
            return MetricValue.missing("unknown statistic " + stat);
        }
        if (histogram == null) {
            return MetricValue.missing("the results hold no histogram to read " + stat + " from");
        }
        return MetricValue.of(Histograms.percentileMs(Histograms.decode(histogram), percentile.get()));
    }

    private MetricValue queue(MetricRef metric) {
        QueueSummary q = results.queues().get(metric.label("name"));
        if (q == null) {
            return MetricValue.missing("no queue named " + metric.label("name") + " was sampled");
        }
        if (q.samples() == 0) {
            return MetricValue.missing("the queue was never sampled" + (q.gaps().isEmpty() ? ""
                    : " (" + q.gaps().get(0).reason() + ")"));
        }
        if (!q.keySeen()) {
            return MetricValue.missing(neverSeen(q));
        }
        return switch (metric.stat()) {
            case "max_depth" -> MetricValue.of(q.maxDepth());
            case "depth" -> MetricValue.of(q.finalDepth());
            case "unacked" -> q.finalUnacked() == null ? MetricValue.missing("a " + q.type() + " queue has no unacked tasks")
                    : MetricValue.of(q.finalUnacked());
            case "drain" -> q.drainMs() == null ? MetricValue.missing("the queue did not drain within the drain timeout")
                    : MetricValue.of(q.drainMs());
            default -> MetricValue.missing("unknown statistic " + metric.stat());
        };
    }

    /** Why a queue whose key never existed proves nothing: its depth of 0 was never a measurement. */
    static String neverSeen(QueueSummary q) {
        return "the key " + q.key() + " (type " + q.type() + ") was never seen in Redis: a wrong queue name or type?";
    }

    private MetricValue process(MetricRef metric) {
        ProcessSummary p = results.processes().get(metric.label("name"));
        if (p == null) {
            return MetricValue.missing("no process group named " + metric.label("name") + " was watched");
        }
        return switch (metric.stat()) {
            case "rss_max", "rss" -> MetricValue.of(p.rssMaxBytes());
            case "cpu_max", "cpu" -> MetricValue.of(p.cpuMaxPercent());
            case "threads_max" -> MetricValue.of(p.threadsMax());
            case "fds_max" -> MetricValue.of(p.fdsMax());
            case "children_max" -> MetricValue.of(p.childrenMax());
            case "count" -> MetricValue.of(p.countMax());
            case "count_min" -> p.countMin() == null || p.countSeries().isEmpty()
                    ? MetricValue.missing("the group's count over time was not recorded") : MetricValue.of(p.countMin());
            case "deaths" -> lifetime(p, p.deaths());
            case "restarts" -> lifetime(p, p.restarts());
            default -> MemoryMetrics.value(p, metric.stat());
        };
    }

    /** Deaths and restarts say nothing about a group that was never sampled or never had a process. */
    private static MetricValue lifetime(ProcessSummary p, Long value) {
        if (value == null || p.countSeries().isEmpty()) {
            return MetricValue.missing("the group's members were not followed over time (never sampled)");
        }
        return p.pids().isEmpty() ? MetricValue.missing("no process of the group was ever seen running")
                : MetricValue.of(value);
    }

    private MetricValue system(String stat) {
        var s = results.system();
        if (s == null) {
            return MetricValue.missing("the machine was not sampled");
        }
        return switch (stat) {
            case "memory_max", "memory" -> MetricValue.of(s.memoryMaxBytes());
            case "cpu_max", "cpu" -> MetricValue.of(s.cpuMaxPercent());
            case "load_max" -> MetricValue.of(s.loadMax());
            case "swap_max" -> MetricValue.of(s.swapMaxBytes());
            default -> MetricValue.missing("unknown statistic " + stat);
        };
    }

    private MetricValue leaks(String stat) {
        var l = results.leaks();
        if (l == null) {
            return MetricValue.missing("no process was watched for leaks");
        }
        return switch (stat) {
            case "fds" -> MetricValue.of(l.fds());
            case "ports" -> MetricValue.of(l.ports());
            case "zombies" -> MetricValue.of(l.zombies());
            default -> MetricValue.missing("unknown statistic " + stat);
        };
    }

    /** Checks summed over those the labels select; none selected, or none ever run, leaves nothing to judge. */
    private MetricValue checks(MetricRef metric) {
        String name = metric.label("name");
        String request = metric.label("request");
        var selected = results.checks().stream().filter(c -> (name == null || c.name().equals(name))
                && (request == null || c.request().equals(request))).toList();
        String scope = (name == null ? "checks" : "check " + name) + (request == null ? "" : " of request " + request);
        if (selected.isEmpty()) {
            return MetricValue.missing(results.checks().isEmpty() ? "the run has no checks" : "no " + scope + " was declared");
        }
        long passes = selected.stream().mapToLong(CheckSummary::passes).sum();
        long fails = selected.stream().mapToLong(CheckSummary::fails).sum();
        if (passes + fails == 0) {
            return MetricValue.missing(scope + " never ran: no response was checked");
        }
        return switch (metric.stat()) {
            case "passes" -> MetricValue.of(passes);
            case "fails" -> MetricValue.of(fails);
            case "runs" -> MetricValue.of(passes + fails);
            case "rate" -> MetricValue.of(passes / (double) (passes + fails));
            default -> MetricValue.missing("unknown statistic " + metric.stat());
        };
    }

    /**
     * The last rate that held. A search that never broke gives its highest rate as a lower bound; one cut short, or
     * whose first step broke, measured no breaking point.
     */
    static MetricValue breakingPoint(BreakingPoint b) {
        if (b == null) {
            return MetricValue.missing("the run had no stepping-arrival-rate phase");
        }
        return switch (b.outcome()) {
            case BROKE -> b.rate() == null
                    ? MetricValue.missing("the first step (" + Dimension.RATE.format(b.brokeAt()) + ") already broke: " + b.reason())
                    : MetricValue.of(b.rate());
            case HELD_TO_MAX -> new MetricValue.AtLeast(b.rate(), b.reason());
            case CUT_SHORT -> MetricValue.missing("the search for the breaking point did not finish: " + b.reason());
        };
    }

    private MetricValue chaos(String stat) {
        var events = results.chaos();
        if (events.isEmpty()) {
            return MetricValue.missing("no chaos action ran");
        }
        return switch (stat) {
            case "actions" -> MetricValue.of(events.size());
            case "failed" -> MetricValue.of(events.stream().filter(e -> e.outcome() != io.stressgate.engine.result.ChaosEvent.Outcome.DONE
                    && e.outcome() != io.stressgate.engine.result.ChaosEvent.Outcome.DRY_RUN).count());
            case "recovery_max" -> events.stream().anyMatch(e -> e.outcome() == io.stressgate.engine.result.ChaosEvent.Outcome.DONE
                    && e.recoveredAfterMs() == null && !"no probe".equals(e.recoveryText()))
                    ? MetricValue.missing("an action's target did not recover within its limit")
                    : events.stream().filter(e -> e.recoveredAfterMs() != null).mapToLong(e -> e.recoveredAfterMs()).max()
                            .stream().mapToObj(v -> MetricValue.of(v)).findFirst()
                            .orElse(MetricValue.missing("no action measured recovery"));
            default -> MetricValue.missing("unknown statistic " + stat);
        };
    }
}
