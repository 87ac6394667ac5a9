package io.stressgate.engine.regression;

import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Chooses the baseline of a run: the last K runs before it that completed and PASSED (a failed or unstable run is no
 * yardstick), or one run pinned by the user.
 */
public final class BaselineSelector {
    private final int size;

    public BaselineSelector(RegressionPolicy policy) {
        this.size = policy.baselineRuns();
    }

    /** The last K PASSED runs with a build number below the candidate's; none when there is no such run. */
    public Baseline lastPassed(long candidateBuild, List<BaselineRun> history) {
        return lastPassed(candidateBuild, history, history.stream().filter(r -> r.build() < candidateBuild).count());
    }

    /**
     * The same for hosts that query only the PASSED runs: {@code earlierRuns} says how many runs of any verdict came
     * before the candidate, so that "first build" and "nothing passed" are told apart.
     */
    public Baseline lastPassed(long candidateBuild, List<BaselineRun> history, long earlierRuns) {
        List<BaselineRun> chosen = history.stream()
                .filter(r -> r.build() < candidateBuild)
                .filter(r -> r.results().status() == RunStatus.COMPLETED && r.results().verdict() == Verdict.PASSED)
                .sorted(Comparator.comparingLong(BaselineRun::build).reversed())
                .limit(size)
                .toList();
        if (chosen.isEmpty()) {
            return Baseline.none(earlierRuns == 0 ? "no baseline: build " + candidateBuild + " is the first of its job and scenario"
                    : "no baseline: no earlier run of this job and scenario PASSED");
        }
        String builds = chosen.stream().map(r -> "#" + r.build()).collect(Collectors.joining(", "));
        return new Baseline(chosen, false, "the last " + (chosen.size() == 1 ? "PASSED run" : chosen.size() + " PASSED runs")
                + " before build " + candidateBuild + " (" + builds + ")" + (chosen.size() < size
                ? "; only " + chosen.size() + " of the " + size + " wanted exist" : ""));
    }

    /** The one run the user chose (a build number of 0 means none), whatever its verdict; the description says when it did not pass. */
    public Baseline pinned(BaselineRun run) {
        String verdict = run.results().verdict() == Verdict.PASSED ? "" : " (its verdict was " + run.results().verdict() + ")";
        String build = run.build() > 0 ? " of build #" + run.build() : "";
        return new Baseline(List.of(run), true, "pinned run " + run.id() + build + verdict);
    }
}
