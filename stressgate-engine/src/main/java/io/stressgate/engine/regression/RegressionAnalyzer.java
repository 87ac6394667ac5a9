package io.stressgate.engine.regression;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Compares a run with its baseline. Latency (p95, p99) regresses only when the relative limit is exceeded AND a
 * two-sided Mann-Whitney U test of the run's per-interval values of that percentile against the baseline's pooled
 * per-interval values is significant with the run the slower side: a limit crossed by noise is not a regression.
 * Per-interval percentiles are the test's unit, not single requests, because requests within a run are not
 * independent (a slow second slows hundreds of them) and with millions of them any difference is "significant";
 * intervals are closer to independent and their number is what the run's length really tells. With fewer than
 * {@link RegressionPolicy#minSamples()} intervals on a side the test is not run and the limit alone decides, so a
 * short run can still be caught. Throughput and error rate are decided by their limits alone: the scenario sets
 * the offered load, so a drop in rps or a rise in errors beyond the limit is itself the finding.
 */
public final class RegressionAnalyzer {
    private final RegressionPolicy policy;
    private final RankSumTest rankSum = new RankSumTest();

    public RegressionAnalyzer(RegressionPolicy policy) {
        this.policy = policy;
    }

    public RegressionReport analyze(RunResults candidate, Baseline baseline) {
        if (!baseline.present()) {
            return RegressionReport.of(baseline, List.of(), List.of());
        }
        List<RunResults> base = baseline.runs().stream().map(BaselineRun::results).toList();
        List<Outcome> outcomes = List.of(
                latency("http.p95", 95, policy.p95MaxIncrease(), LatencyMs::p95, IntervalPoint::p95, candidate, base),
                latency("http.p99", 99, policy.p99MaxIncrease(), LatencyMs::p99, IntervalPoint::p99, candidate, base),
                throughput(candidate, base),
                errorRate(candidate, base));
        List<MetricComparison> comparisons = outcomes.stream().map(Outcome::comparison).toList();
        List<GateResult> gates = new ArrayList<>();
        outcomes.stream().filter(o -> o.gate() != null).forEach(o -> gates.add(o.gate()));
        return RegressionReport.of(baseline, comparisons, gates);
    }

    /** A comparison and its gate (none when the baseline has no value to compare with). */
    private record Outcome(MetricComparison comparison, GateResult gate) {
    }

    private Outcome latency(String metric, double percentile, double limit, ToDoubleFunction<LatencyMs> stat,
                            Function<IntervalPoint, Double> interval, RunResults candidate, List<RunResults> base) {
        Double before = RunFigures.pooledLatency(base, percentile, stat);
        Double after = RunFigures.latency(candidate, stat);
        String limitText = "+" + percent(limit);
        if (before == null || after == null) {
            return missing(metric, "ms", before, after, limitText, limit * 100);
        }
        Double change = before == 0 ? null : (after - before) / before;
        boolean exceeded = change == null ? after > 0 : change > limit;
        double[] runSamples = RunFigures.intervals(candidate, interval);
        double[] baseSamples = RunFigures.pooledIntervals(base, interval);
        RankSumResult test = null;
        String note;
        if (runSamples.length < policy.minSamples() || baseSamples.length < policy.minSamples()) {
            note = "too few intervals for a rank test (" + runSamples.length + " in the run, " + baseSamples.length
                    + " in the baseline; " + policy.minSamples() + " needed a side), so the limit alone decides";
        } else {
            test = rankSum.test(runSamples, baseSamples);
            note = describe(test);
        }
        boolean regression = exceeded && (test == null || test.significantAt(policy.alpha()) && test.cliffsDelta() > 0);
        String changeText = change == null ? "from 0" : signedPercent(change);
        String message = metric + " " + number(before) + "ms -> " + number(after) + "ms (" + changeText + ", limit "
                + limitText + "); " + note + ": " + latencyConclusion(exceeded, test, regression);
        MetricComparison c = new MetricComparison(metric, "ms", before, after, change, changeText, limitText, exceeded,
                test, note, regression, message);
        return new Outcome(c, gate(metric, "within " + limitText + " of the baseline", change == null ? null : change * 100,
                changeText, limit * 100, limitText, regression, message));
    }

    private String latencyConclusion(boolean exceeded, RankSumResult test, boolean regression) {
        if (regression) {
            return "regression";
        }
        if (!exceeded) {
            return "within the limit";
        }
        return !test.significantAt(policy.alpha()) ? "the change is not significant at alpha " + number(policy.alpha())
                + ", so no regression" : "the run's intervals are not slower than the baseline's, so no regression";
    }

    private Outcome throughput(RunResults candidate, List<RunResults> base) {
        Double before = RunFigures.medianRps(base);
        Double after = RunFigures.rps(candidate);
        String limitText = "-" + percent(policy.rpsMaxDrop());
        if (before == null || after == null || before == 0) {
            return missing("http.rps", "/s", before == null || before == 0 ? null : before, after, limitText,
                    -policy.rpsMaxDrop() * 100);
        }
        double change = (after - before) / before;
        boolean regression = -change > policy.rpsMaxDrop();
        String message = "http.rps " + number(before) + "/s -> " + number(after) + "/s (" + signedPercent(change)
                + ", limit " + limitText + "; the limit alone decides): " + (regression ? "regression" : "within the limit");
        MetricComparison c = new MetricComparison("http.rps", "/s", before, after, change, signedPercent(change), limitText,
                regression, null, "throughput is decided by its limit alone", regression, message);
        return new Outcome(c, gate("http.rps", "within " + limitText + " of the baseline", change * 100, signedPercent(change),
                -policy.rpsMaxDrop() * 100, limitText, regression, message));
    }

    private Outcome errorRate(RunResults candidate, List<RunResults> base) {
        Double before = RunFigures.pooledErrorRate(base);
        Double after = RunFigures.errorRate(candidate);
        String limitText = "+" + number(policy.errorRateMaxRise() * 100) + " points";
        if (before == null || after == null) {
            return missing("http.error_rate", "%", before, after, limitText, policy.errorRateMaxRise() * 100);
        }
        double rise = after - before;
        boolean regression = rise > policy.errorRateMaxRise() + 1e-12;
        String changeText = (rise >= 0 ? "+" : "") + number(rise * 100) + " points";
        String message = "http.error_rate " + number(before * 100) + "% -> " + number(after * 100) + "% (" + changeText
                + ", limit " + limitText + "; the limit alone decides): " + (regression ? "regression" : "within the limit");
        MetricComparison c = new MetricComparison("http.error_rate", "%", before, after, rise, changeText, limitText,
                regression, null, "the error rate is decided by its limit alone", regression, message);
        return new Outcome(c, gate("http.error_rate", "within " + limitText + " of the baseline", rise * 100, changeText,
                policy.errorRateMaxRise() * 100, limitText, regression, message));
    }

    /**
     * A metric one side lacks. Without a baseline value there is nothing to compare and no gate; a run that lacks a
     * metric its baseline has breaks the gate, as a gate on an unmeasured metric does.
     */
    private Outcome missing(String metric, String unit, Double before, Double after, String limitText, double limit) {
        if (before == null) {
            String message = metric + ": the baseline has no value to compare with";
            return new Outcome(new MetricComparison(metric, unit, null, after, null, "n/a", limitText, false, null,
                    "no baseline value", false, message), null);
        }
        String message = metric + " was not measured in this run although its baseline has " + number(before) + unit;
        MetricComparison c = new MetricComparison(metric, unit, before, null, null, "not measured", limitText, true, null,
                "not measured", true, message);
        return new Outcome(c, gate(metric, "within " + limitText + " of the baseline", null, null, limit, limitText, true, message));
    }

    private GateResult gate(String metric, String condition, Double actual, String actualText, double limit, String limitText,
                            boolean regression, String message) {
        return new GateResult(metric + " " + condition, metric, policy.severity(), actual, actualText, limit, limitText,
                !regression, message, GateResult.REGRESSION);
    }

    private static String describe(RankSumResult t) {
        return String.format(Locale.ROOT, "Mann-Whitney U=%s, z=%.3f, p=%.4g (%s, n=%d/%d), Cliff's delta %.3f (%s)",
                number(t.u()), t.z(), t.pValue(), t.method().name().toLowerCase(Locale.ROOT), t.candidateSize(),
                t.baselineSize(), t.cliffsDelta(), t.effectLabel());
    }

    private static String percent(double share) {
        return number(share * 100) + "%";
    }

    private static String signedPercent(double share) {
        return (share >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String number(double value) {
        return Quantities.formatNumber(value);
    }
}
