package io.stressgate.engine.step;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.BaselineRun;
import io.stressgate.engine.regression.BaselineSelector;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a step run's regression baseline among the runs that earlier builds recorded. The host lists them without
 * loading anything; this loads only the runs it may use (the newest K that passed, or the pinned build's) and lets
 * the regression package's {@link BaselineSelector} decide, so the plugin and the reporting service choose the same
 * way. Runs that cannot be loaded are left out, and the baseline's description says so.
 */
public final class BaselinePicker {
    private final RegressionPolicy policy;
    private final BaselineSelector selector;

    public BaselinePicker(RegressionPolicy policy) {
        this.policy = policy;
        this.selector = new BaselineSelector(policy);
    }

    /** @param newestFirst earlier builds' runs, newest first (the host stops listing after a bounded number of builds) */
    public Baseline pick(BaselineChoice choice, String scenario, long candidateBuild, List<StoredRun> newestFirst) {
        if (choice.kind() == BaselineChoice.Kind.NONE) {
            return Baseline.none("no baseline: none was asked for");
        }
        List<String> skipped = new ArrayList<>();
        Baseline baseline = choice.kind() == BaselineChoice.Kind.BUILD
                ? pinned(choice.build(), scenario, newestFirst, skipped)
                : lastPassed(scenario, candidateBuild, newestFirst, skipped);
        return skipped.isEmpty() ? baseline : new Baseline(baseline.runs(), baseline.pinned(),
                baseline.description() + "; left out: " + String.join(", ", skipped));
    }

    private Baseline pinned(long build, String scenario, List<StoredRun> newestFirst, List<String> skipped) {
        for (StoredRun run : newestFirst) {
            if (run.build() == build && run.scenario().equals(scenario)) {
                BaselineRun loaded = load(run, skipped);
                return loaded == null ? Baseline.none("no baseline: the run of pinned build #" + build + " cannot be read")
                        : selector.pinned(loaded);
            }
        }
        return Baseline.none("no baseline: pinned build #" + build + " has no run of this scenario among the builds kept");
    }

    private Baseline lastPassed(String scenario, long candidateBuild, List<StoredRun> newestFirst, List<String> skipped) {
        List<BaselineRun> passed = new ArrayList<>();
        long earlier = 0;
        for (StoredRun run : newestFirst) {
            if (!run.scenario().equals(scenario) || run.build() >= candidateBuild) {
                continue;
            }
            earlier++;
            if (run.verdict() == Verdict.PASSED && passed.size() < policy.baselineRuns()) {
                BaselineRun loaded = load(run, skipped);
                if (loaded != null) {
                    passed.add(loaded);
                }
            }
        }
        return selector.lastPassed(candidateBuild, passed, earlier);
    }

    private static BaselineRun load(StoredRun run, List<String> skipped) {
        try {
            RunResults results = run.loader().load();
            if (results.status() != RunStatus.COMPLETED) {
                skipped.add("#" + run.build() + " (did not complete)");
                return null;
            }
            return new BaselineRun(results.runId(), run.build(), results);
        } catch (Exception e) {
            skipped.add("#" + run.build() + " (" + DisplayText.clamp(String.valueOf(e.getMessage()), 120) + ")");
            return null;
        }
    }
}
