package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinePickerTest {
    private final BaselinePicker picker = new BaselinePicker(RegressionPolicy.DEFAULT);

    private static StoredRun stored(long build, String scenario, Verdict verdict) {
        return new StoredRun(build, "#" + build, "job/p/" + build + "/", scenario, verdict, Runs::passed);
    }

    /** A passed run whose latency is {@code factor} times the fixture's. */
    private static RunResults slower(double factor) {
        LatencyMs l = new LatencyMs(40 * factor, 80 * factor, 95.5 * factor, 180.25 * factor, 300 * factor, 420 * factor, 2,
                50 * factor, 20);
        LoadSummary all = new LoadSummary(10_000, 12, 0, 1, 333.3, 0.0012, 10_000, l, Map.of("200", 9_988L, "503", 12L),
                Map.of(), 1_000_000, null);
        return Runs.builder().load(Map.of(RunResults.ALL, all)).gates(Runs.passed().gates()).build();
    }

    @Test
    void shouldTakeTheNewestPassedRunsOfTheSameScenarioBeforeTheBuild() {
        List<StoredRun> history = new ArrayList<>();
        for (long b = 20; b >= 1; b--) {
            history.add(stored(b, b % 2 == 0 ? "a.yml" : "b.yml", b == 18 ? Verdict.FAILED : Verdict.PASSED));
        }

        Baseline baseline = picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 21, history);

        assertThat(baseline.builds()).containsExactly(20L, 16L, 14L, 12L, 10L);
        assertThat(baseline.description()).contains("#20");
    }

    @Test
    void shouldLoadOnlyTheRunsItMayUse() {
        int[] loads = {0};
        List<StoredRun> history = new ArrayList<>();
        for (long b = 50; b >= 1; b--) {
            history.add(new StoredRun(b, "#" + b, "u", "a.yml", Verdict.PASSED, () -> {
                loads[0]++;
                return Runs.passed();
            }));
        }

        assertThat(picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 51, history).runs()).hasSize(5);
        assertThat(loads[0]).isEqualTo(RegressionPolicy.DEFAULT.baselineRuns());
    }

    @Test
    void shouldTakeThePinnedBuildWhateverItsVerdict() {
        Baseline baseline = picker.pick(BaselineChoice.build(7), "a.yml", 10, List.of(stored(9, "a.yml", Verdict.PASSED),
                stored(7, "a.yml", Verdict.UNSTABLE), stored(7, "b.yml", Verdict.PASSED)));

        assertThat(baseline.pinned()).isTrue();
        assertThat(baseline.builds()).containsExactly(7L);
    }

    @Test
    void shouldSayWhyThereIsNoBaseline() {
        assertThat(picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 1, List.of()).present()).isFalse();
        assertThat(picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 1, List.of()).description()).contains("first");
        assertThat(picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 3, List.of(stored(2, "a.yml", Verdict.FAILED)))
                .description()).contains("PASSED");
        assertThat(picker.pick(BaselineChoice.build(4), "a.yml", 9, List.of()).description()).contains("#4");
        assertThat(picker.pick(BaselineChoice.NONE, "a.yml", 9, List.of(stored(2, "a.yml", Verdict.PASSED))).present())
                .isFalse();
    }

    @Test
    void shouldLeaveOutRunsThatCannotBeLoadedOrDidNotCompleteAndSaySo() {
        List<StoredRun> history = List.of(
                new StoredRun(5, "#5", "u", "a.yml", Verdict.PASSED, () -> {
                    throw new IOException("results.json is gone");
                }),
                new StoredRun(4, "#4", "u", "a.yml", Verdict.PASSED, Runs::interrupted),
                stored(3, "a.yml", Verdict.PASSED));

        Baseline baseline = picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 6, history);

        assertThat(baseline.builds()).containsExactly(3L);
        assertThat(baseline.description()).contains("#5 (results.json is gone)", "#4 (did not complete)");
    }

    @Test
    void shouldMakeASlowerRunUnstableThroughTheRegressionPackage() {
        List<StoredRun> history = new ArrayList<>();
        for (long b = 5; b >= 1; b--) {
            history.add(stored(b, "a.yml", Verdict.PASSED));
        }
        RunResults candidate = slower(2.0);
        Baseline baseline = picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 6, history);

        RegressionReport report = new RegressionAnalyzer(RegressionPolicy.DEFAULT).analyze(candidate, baseline);
        RunJudge.Judgement judgement = new RunJudge().judge("a.yml", candidate, report);

        assertThat(report.gates()).isNotEmpty().allSatisfy(g -> assertThat(g.source()).isEqualTo(GateResult.REGRESSION));
        assertThat(judgement.outcome().result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(judgement.outcome().message()).contains("[regression unstable]");
    }

    @Test
    void shouldNotFailTheFirstBuild() {
        RunResults candidate = slower(2.0);
        Baseline baseline = picker.pick(BaselineChoice.LAST_PASSED, "a.yml", 1, List.of());

        RunJudge.Judgement judgement = new RunJudge().judge("a.yml", candidate,
                new RegressionAnalyzer(RegressionPolicy.DEFAULT).analyze(candidate, baseline));

        assertThat(judgement.outcome().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(judgement.outcome().details()).anySatisfy(d -> assertThat(d).startsWith("regression: no baseline"));
    }
}
