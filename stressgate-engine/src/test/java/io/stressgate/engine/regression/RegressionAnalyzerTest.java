package io.stressgate.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionAnalyzerTest {
    private final RegressionAnalyzer analyzer = new RegressionAnalyzer(RegressionPolicy.DEFAULT);
    private final BaselineSelector selector = new BaselineSelector(RegressionPolicy.DEFAULT);

    private RegressionReport analyze(RunResults candidate) {
        return analyzer.analyze(candidate, selector.lastPassed(6, RegressionRuns.history()));
    }

    private static MetricComparison metric(RegressionReport report, String name) {
        return report.comparisons().stream().filter(c -> c.metric().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldCallAConsistentlySlowerRunARegressionAndReportTheStatistics() {
        RegressionReport report = analyze(RegressionRuns.steadyRun("slow", 50, 99));

        MetricComparison p95 = metric(report, "http.p95");
        assertThat(p95.thresholdExceeded()).isTrue();
        assertThat(p95.change()).isBetween(0.15, 0.35);
        assertThat(p95.test().candidateSize()).isEqualTo(60);
        assertThat(p95.test().baselineSize()).isEqualTo(300);
        assertThat(p95.test().pValue()).isLessThan(1e-6);
        assertThat(p95.test().cliffsDelta()).isGreaterThan(0.9);
        assertThat(p95.regression()).isTrue();
        assertThat(p95.message()).contains("Mann-Whitney U=", "p=", "Cliff's delta", "regression");
        GateResult gate = report.gates().stream().filter(g -> g.metric().equals("http.p95")).findFirst().orElseThrow();
        assertThat(gate.source()).isEqualTo(GateResult.REGRESSION);
        assertThat(gate.severity()).isEqualTo(Severity.UNSTABLE);
        assertThat(gate.passed()).isFalse();
        assertThat(gate.limit()).isEqualTo(10);
        assertThat(report.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(report.summary()).startsWith("regression in http.p95, http.p99");
    }

    @Test
    void shouldNotCallALimitCrossedByAFewSlowIntervalsARegressionWhenTheTestIsNotSignificant() {
        double[] ms = RegressionRuns.steady(60, 40);
        for (int i = 0; i < 5; i++) {
            ms[i * 12] = 200;
        }
        RegressionReport report = analyze(RegressionRuns.run("spiky", ms, 0, 7));

        MetricComparison p99 = metric(report, "http.p99");
        assertThat(p99.thresholdExceeded()).isTrue();
        assertThat(p99.test().pValue()).isGreaterThan(0.05);
        assertThat(p99.regression()).isFalse();
        assertThat(p99.message()).contains("not significant");
        assertThat(report.gates()).filteredOn(g -> g.metric().equals("http.p99")).allMatch(GateResult::passed);
    }

    @Test
    void shouldLetTheLimitAloneDecideWhenTheRunHasTooFewIntervals() {
        RegressionReport report = analyze(RegressionRuns.run("short", RegressionRuns.steady(4, 50), 0, 3));

        MetricComparison p95 = metric(report, "http.p95");
        assertThat(p95.test()).isNull();
        assertThat(p95.testNote()).contains("too few intervals", "4 in the run", "the limit alone decides");
        assertThat(p95.regression()).isTrue();
    }

    @Test
    void shouldPassAFasterRun() {
        RegressionReport report = analyze(RegressionRuns.steadyRun("fast", 30, 11));

        assertThat(report.comparisons()).noneMatch(MetricComparison::regression);
        assertThat(metric(report, "http.p95").change()).isNegative();
        assertThat(report.gates()).hasSize(4).allMatch(GateResult::passed);
        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void shouldJudgeThroughputAndErrorRateByTheirLimits() {
        RunResults base = RegressionRuns.steadyRun("fewer", 40, 12);
        LoadSummary a = base.all();
        LoadSummary worse = new LoadSummary(a.requests(), 300, a.dropped(), a.timeouts(), a.rps() * 0.85, 300.0 / a.requests(),
                a.samples(), a.latencyMs(), a.status(), a.errorKinds(), a.bytesReceived(), a.histogram());
        RegressionReport report = analyze(base.toBuilder().load(Map.of(RunResults.ALL, worse)).build());

        assertThat(metric(report, "http.rps").regression()).isTrue();
        assertThat(metric(report, "http.rps").changeText()).isEqualTo("-15.0%");
        assertThat(metric(report, "http.error_rate").regression()).isTrue();
        assertThat(metric(report, "http.error_rate").changeText()).isEqualTo("+2.5 points");
        assertThat(metric(report, "http.p95").regression()).isFalse();
    }

    @Test
    void shouldBreakTheGateWhenTheRunDidNotMeasureWhatItsBaselineHas() {
        RunResults nothingTimed = RegressionRuns.steadyRun("silent", 40, 13).toBuilder()
                .load(Map.of(RunResults.ALL, new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null)))
                .timeSeries(null).build();

        RegressionReport report = analyze(nothingTimed);

        assertThat(metric(report, "http.p95").candidate()).isNull();
        assertThat(report.gates()).filteredOn(g -> g.metric().equals("http.p95"))
                .singleElement().satisfies(g -> {
                    assertThat(g.passed()).isFalse();
                    assertThat(g.actual()).isNull();
                    assertThat(g.message()).contains("not measured");
                });
    }

    @Test
    void shouldUseTheSeverityOfThePolicy() {
        RegressionPolicy strict = new RegressionPolicy(0.10, 0.10, 0.10, 0.01, 0.05, 10, 5, Severity.FAIL);

        RegressionReport report = new RegressionAnalyzer(strict).analyze(RegressionRuns.steadyRun("slow", 50, 99),
                new BaselineSelector(strict).lastPassed(6, RegressionRuns.history()));

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldSayNoBaselineForTheFirstBuildWithoutFailing() {
        Baseline baseline = selector.lastPassed(1, List.of());

        RegressionReport report = analyzer.analyze(RegressionRuns.steadyRun("first", 80, 1), baseline);

        assertThat(report.hasBaseline()).isFalse();
        assertThat(report.summary()).isEqualTo("no baseline: build 1 is the first of its job and scenario");
        assertThat(report.gates()).isEmpty();
        assertThat(report.comparisons()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void shouldSayNoBaselineWhenNoEarlierRunPassed() {
        List<BaselineRun> failed = new ArrayList<>();
        for (int build = 1; build <= 3; build++) {
            RunResults r = RegressionRuns.steadyRun("f" + build, 40, build).toBuilder().status(RunStatus.INTERRUPTED, "killed").build();
            failed.add(new BaselineRun("f" + build, build, r));
        }

        Baseline baseline = selector.lastPassed(4, failed);

        assertThat(baseline.present()).isFalse();
        assertThat(baseline.description()).isEqualTo("no baseline: no earlier run of this job and scenario PASSED");
    }

    @Test
    void shouldTakeTheLastKPassedRunsBeforeTheBuildSkippingFailedAndLaterOnes() {
        List<BaselineRun> history = new ArrayList<>(RegressionRuns.history());
        history.add(new BaselineRun("failed-6", 6, RegressionRuns.steadyRun("failed-6", 40, 6).toBuilder()
                .status(RunStatus.ERROR, "crash").build()));
        history.add(new BaselineRun("later-9", 9, RegressionRuns.steadyRun("later-9", 40, 9)));

        Baseline baseline = new BaselineSelector(RegressionPolicy.DEFAULT.withBaselineRuns(3)).lastPassed(7, history);

        assertThat(baseline.builds()).containsExactly(5L, 4L, 3L);
        assertThat(baseline.description()).isEqualTo("the last 3 PASSED runs before build 7 (#5, #4, #3)");
    }

    @Test
    void shouldCompareWithThePinnedRunOnlyAndSayWhenItDidNotPass() {
        RunResults slowPinned = RegressionRuns.steadyRun("pinned", 50, 21).toBuilder().status(RunStatus.INTERRUPTED, "stopped").build();
        Baseline pinned = selector.pinned(new BaselineRun("pinned", 2, slowPinned));

        RegressionReport report = analyzer.analyze(RegressionRuns.steadyRun("now", 50, 22), pinned);

        assertThat(report.baselineRunIds()).containsExactly("pinned");
        assertThat(report.baseline()).isEqualTo("pinned run pinned of build #2 (its verdict was FAILED)");
        assertThat(metric(report, "http.p95").regression()).isFalse();
        assertThat(metric(report, "http.p95").test().baselineSize()).isEqualTo(60);
    }
}
