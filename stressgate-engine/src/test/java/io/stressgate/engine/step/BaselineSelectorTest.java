package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineSelectorTest {
    private final BaselineSelector selector = new BaselineSelector();

    private static StoredRun stored(long build, String scenario, Verdict verdict) {
        return new StoredRun(build, "#" + build, "job/p/" + build + "/", scenario, verdict, Runs::passed);
    }

    @Test
    void shouldTakeTheNewestPassedRunsOfTheSameScenario() {
        List<StoredRun> history = new ArrayList<>();
        for (long b = 20; b >= 1; b--) {
            history.add(stored(b, b % 2 == 0 ? "a.yml" : "b.yml", b == 18 ? Verdict.FAILED : Verdict.PASSED));
        }

        BaselineSelector.Selection selection = selector.select(BaselineChoice.LAST_PASSED, "a.yml", history);

        assertThat(selection.runs()).extracting(BaselineRun::build).containsExactly(20L, 16L, 14L, 12L, 10L);
        assertThat(selection.note()).isEqualTo("baseline (the last 5 passed builds): 5 builds #20 #16 #14 #12 #10");
    }

    @Test
    void shouldTakeThePinnedBuildWhateverItsVerdict() {
        BaselineSelector.Selection selection = selector.select(BaselineChoice.build(7), "a.yml",
                List.of(stored(9, "a.yml", Verdict.PASSED), stored(7, "a.yml", Verdict.UNSTABLE), stored(7, "b.yml", Verdict.PASSED)));

        assertThat(selection.runs()).extracting(BaselineRun::build).containsExactly(7L);
    }

    @Test
    void shouldSayThereIsNoBaselineOnTheFirstBuild() {
        BaselineSelector.Selection selection = selector.select(BaselineChoice.LAST_PASSED, "a.yml", List.of());

        assertThat(selection.runs()).isEmpty();
        assertThat(selection.note()).contains("no earlier passed run of this scenario");
    }

    @Test
    void shouldSkipRunsThatCannotBeLoadedOrDidNotComplete() {
        List<StoredRun> history = List.of(
                new StoredRun(5, "#5", "job/p/5/", "a.yml", Verdict.PASSED, () -> {
                    throw new IOException("results.json is gone");
                }),
                new StoredRun(4, "#4", "job/p/4/", "a.yml", Verdict.PASSED, Runs::interrupted),
                stored(3, "a.yml", Verdict.PASSED));

        BaselineSelector.Selection selection = selector.select(BaselineChoice.LAST_PASSED, "a.yml", history);

        assertThat(selection.runs()).extracting(BaselineRun::build).containsExactly(3L);
        assertThat(selection.note()).contains("#5 could not be loaded (results.json is gone)", "#4 did not complete");
    }

    @Test
    void shouldLoadNothingWhenNoBaselineIsWanted() {
        List<StoredRun> history = List.of(new StoredRun(1, "#1", "job/p/1/", "a.yml", Verdict.PASSED, () -> {
            throw new AssertionError("must not be loaded");
        }));

        assertThat(selector.select(BaselineChoice.NONE, "a.yml", history).runs()).isEmpty();
    }

    @Test
    void shouldLoadOnlyAsManyRunsAsItKeeps() {
        int[] loads = {0};
        List<StoredRun> history = new ArrayList<>();
        for (long b = 50; b >= 1; b--) {
            history.add(new StoredRun(b, "#" + b, "job/p/" + b + "/", "a.yml", Verdict.PASSED, () -> {
                loads[0]++;
                return Runs.passed();
            }));
        }

        List<RunResults> chosen = selector.select(BaselineChoice.LAST_PASSED, "a.yml", history).runs().stream()
                .map(BaselineRun::results).toList();

        assertThat(chosen).hasSize(BaselineChoice.DEFAULT_BUILDS);
        assertThat(loads[0]).isEqualTo(BaselineChoice.DEFAULT_BUILDS);
    }

    @Test
    void shouldNotAskTheCheckWhenThereIsNoBaseline() {
        RegressionCheck mustNotRun = (current, baseline) -> {
            throw new AssertionError("called without a baseline");
        };

        RegressionFinding finding = mustNotRun.compare(Runs.passed(), selector.select(BaselineChoice.LAST_PASSED, "a.yml", List.of()));

        assertThat(finding.gates()).isEmpty();
        assertThat(finding.note()).contains("no earlier passed run", "no regression check");
    }

    @Test
    void shouldNameTheBaselineBuildsAndTheChecksFindingInOneNote() {
        RegressionCheck check = (current, baseline) -> new RegressionFinding(List.of(), "p95 within 5% of " + baseline.size());

        RegressionFinding finding = check.compare(Runs.passed(),
                selector.select(BaselineChoice.LAST_PASSED, "a.yml", List.of(stored(3, "a.yml", Verdict.PASSED))));

        assertThat(finding.note()).isEqualTo("baseline (the last 5 passed builds): 1 build #3; p95 within 5% of 1");
    }
}
