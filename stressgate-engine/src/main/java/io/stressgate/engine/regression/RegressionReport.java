package io.stressgate.engine.regression;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.util.List;

/**
 * How a run compares with its baseline: which runs the baseline is (or why there is none), one comparison per
 * metric, the gates a host appends to the run's own ({@code source = regression}), their verdict, and a summary.
 * Without a baseline there are no gates and the verdict is PASSED: a first build is not a regression.
 */
public record RegressionReport(boolean hasBaseline, String baseline, List<String> baselineRunIds, List<Long> baselineBuilds,
                               List<MetricComparison> comparisons, List<GateResult> gates, Verdict verdict, String summary) {
    public RegressionReport {
        baselineRunIds = List.copyOf(baselineRunIds);
        baselineBuilds = List.copyOf(baselineBuilds);
        comparisons = List.copyOf(comparisons);
        gates = List.copyOf(gates);
    }

    static RegressionReport of(Baseline baseline, List<MetricComparison> comparisons, List<GateResult> gates) {
        Verdict verdict = Verdict.of(RunStatus.COMPLETED, gates);
        List<String> regressed = comparisons.stream().filter(MetricComparison::regression).map(MetricComparison::metric).toList();
        String summary = !baseline.present() ? baseline.description()
                : regressed.isEmpty() ? "no regression against " + baseline.description()
                : "regression in " + String.join(", ", regressed) + " against " + baseline.description();
        return new RegressionReport(baseline.present(), baseline.description(), baseline.runIds(), baseline.builds(),
                comparisons, gates, verdict, summary);
    }
}
