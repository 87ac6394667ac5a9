package io.stressgate.engine.report;

import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Turns a job's builds into a {@link Trend}. Each point holds the metrics its run measured, never a 0 for one it did
 * not; the baseline of {@link #BASELINE_METRICS} is the range over the last {@code baselineBuilds} PASSED builds
 * before the newest.
 */
public final class TrendBuilder {
    public static final String P50 = "p50";
    public static final String P95 = "p95";
    public static final String P99 = "p99";
    public static final String RPS = "rps";
    public static final String ERROR_RATE = "errorRate";
    public static final String RSS_MAX = "rssMax";
    public static final String QUEUE_MAX = "queueMax";
    public static final String DRAIN_MS = "drainMs";
    public static final String LOST_JOBS = "lostJobs";
    public static final String ORPHANS = "orphans";
    /** The last rate a stepping-arrival-rate phase held (its max when it never broke), per second. */
    public static final String BREAKING_POINT = "breakingPoint";
    /** The share of check evaluations that failed, over every response each response check of the run was put to. */
    public static final String CHECK_FAIL_RATE = "checkFailRate";
    /** Every metric key a point may hold, in chart order. */
    public static final List<String> METRICS = List.of(P50, P95, P99, RPS, ERROR_RATE, RSS_MAX, QUEUE_MAX, DRAIN_MS,
            LOST_JOBS, ORPHANS, BREAKING_POINT, CHECK_FAIL_RATE);
    /** The metrics that get a baseline band. */
    public static final List<String> BASELINE_METRICS = List.of(P95, RPS, ERROR_RATE);

    private final int baselineBuilds;

    /** @param baselineBuilds how many PASSED builds before the newest make the baseline (K) */
    public TrendBuilder(int baselineBuilds) {
        if (baselineBuilds < 1) {
            throw new IllegalArgumentException("the baseline needs at least one build, not " + baselineBuilds);
        }
        this.baselineBuilds = baselineBuilds;
    }

    /** The trend of builds given oldest first; the last one is the newest. */
    public Trend build(List<BuildRun> builds) {
        List<TrendPoint> points = new ArrayList<>(builds.size());
        for (BuildRun b : builds) {
            RunResults r = b.results();
            points.add(new TrendPoint(b.build(), b.number(), r.verdict(), b.url(), r.startedAt(), metrics(r)));
        }
        return trend(points);
    }

    /** The trend of points a host kept (oldest first), with their baseline band: for hosts that store points, not runs. */
    public Trend trend(List<TrendPoint> points) {
        return new Trend(points, baseline(points));
    }

    /** The metrics of one run; a metric the run did not measure is left out. Public for hosts that store them per run. */
    public static Map<String, Double> metrics(RunResults r) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (r.all() != null) {
            load(r.all(), m);
        }
        max(r.processes().values(), ProcessSummary::rssMaxBytes).ifPresent(v -> m.put(RSS_MAX, v));
        max(r.queues().values().stream().filter(q -> q.samples() > 0).toList(), QueueSummary::maxDepth)
                .ifPresent(v -> m.put(QUEUE_MAX, v));
        drain(r).ifPresent(v -> m.put(DRAIN_MS, v));
        if (r.jobs() != null) {
            m.put(LOST_JOBS, (double) r.jobs().lost());
        }
        if (!r.orphans().isEmpty() || r.runCookie() != null) {
            m.put(ORPHANS, (double) r.orphans().size());
        }
        breakingPoint(r.breakingPoint()).ifPresent(v -> m.put(BREAKING_POINT, v));
        checkFailRate(r).ifPresent(v -> m.put(CHECK_FAIL_RATE, v));
        return m;
    }

    /** Failed check evaluations over all evaluations; absent when no check was put to a response, so nothing was judged. */
    private static OptionalDouble checkFailRate(RunResults r) {
        long fails = 0;
        long runs = 0;
        for (CheckSummary c : r.checks()) {
            fails += c.fails();
            runs += c.runs();
        }
        return runs == 0 ? OptionalDouble.empty() : OptionalDouble.of(fails / (double) runs);
    }

    /** Latency only when something was timed, the error rate only when something was sent. */
    private static void load(LoadSummary all, Map<String, Double> m) {
        LatencyMs latency = all.latencyMs();
        if (latency != null && all.samples() > 0) {
            m.put(P50, latency.p50());
            m.put(P95, latency.p95());
            m.put(P99, latency.p99());
        }
        m.put(RPS, all.rps());
        if (all.requests() > 0) {
            m.put(ERROR_RATE, all.errorRate());
        }
    }

    /**
     * The rate that held: as the gate reads it, a search that never broke counts with its max (a lower bound), and
     * one cut short or broken at its first step has none.
     */
    private static OptionalDouble breakingPoint(BreakingPoint b) {
        if (b == null || b.rate() == null || b.outcome() == BreakingPoint.Outcome.CUT_SHORT) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(b.rate());
    }

    private static <T> OptionalDouble max(Iterable<T> values, ToDoubleFunction<T> value) {
        OptionalDouble max = OptionalDouble.empty();
        for (T t : values) {
            double v = value.applyAsDouble(t);
            max = OptionalDouble.of(max.isPresent() ? Math.max(max.getAsDouble(), v) : v);
        }
        return max;
    }

    /** The longest drain; absent when no queue was sampled or one did not drain, since its time is then unknown. */
    private static OptionalDouble drain(RunResults r) {
        if (r.queues().values().stream().anyMatch(q -> !q.drained() || q.drainMs() == null)) {
            return OptionalDouble.empty();
        }
        return max(r.queues().values(), QueueSummary::drainMs);
    }

    private Map<String, Band> baseline(List<TrendPoint> points) {
        List<TrendPoint> passed = new ArrayList<>();
        for (int i = points.size() - 2; i >= 0 && passed.size() < baselineBuilds; i--) {
            if (points.get(i).verdict() == Verdict.PASSED) {
                passed.add(points.get(i));
            }
        }
        Map<String, Band> bands = new LinkedHashMap<>();
        for (String metric : BASELINE_METRICS) {
            List<Double> values = passed.stream().map(p -> p.metrics().get(metric)).filter(v -> v != null).toList();
            if (!values.isEmpty()) {
                bands.put(metric, new Band(values.stream().min(Double::compare).get(), values.stream().max(Double::compare).get()));
            }
        }
        return bands;
    }
}
