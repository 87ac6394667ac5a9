package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the baseline runs of a scenario from earlier builds: the newest {@code builds} runs that PASSED, or the run
 * of one pinned build, or nothing. Runs that cannot be loaded, or that did not complete, are skipped and said so.
 */
public final class BaselineSelector {
    /** The chosen runs, newest first, and a sentence for the log. */
    public record Selection(List<BaselineRun> runs, String note) {
        public Selection {
            runs = List.copyOf(runs);
        }
    }

    /**
     * @param candidates earlier builds' runs, newest first (the host stops listing after a bounded number of builds)
     */
    public Selection select(BaselineChoice baseline, String scenario, List<StoredRun> candidates) {
        if (baseline.kind() == BaselineChoice.Kind.NONE) {
            return new Selection(List.of(), "baseline: none requested");
        }
        List<BaselineRun> chosen = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (StoredRun run : candidates) {
            if (chosen.size() >= baseline.builds()) {
                break;
            }
            if (!run.scenario().equals(scenario) || !wanted(baseline, run)) {
                continue;
            }
            try {
                RunResults results = run.loader().load();
                if (results.status() != RunStatus.COMPLETED) {
                    skipped.add("#" + run.build() + " did not complete");
                } else {
                    chosen.add(new BaselineRun(run.build(), results));
                }
            } catch (Exception e) {
                skipped.add("#" + run.build() + " could not be loaded (" + DisplayText.clamp(String.valueOf(e.getMessage()), 120) + ")");
            }
        }
        return new Selection(chosen, note(baseline, chosen, skipped));
    }

    private static boolean wanted(BaselineChoice baseline, StoredRun run) {
        return baseline.kind() == BaselineChoice.Kind.BUILD ? run.build() == baseline.build() : run.verdict() == Verdict.PASSED;
    }

    private static String note(BaselineChoice baseline, List<BaselineRun> chosen, List<String> skipped) {
        StringBuilder out = new StringBuilder("baseline (" + baseline + "): ");
        if (chosen.isEmpty()) {
            out.append(baseline.kind() == BaselineChoice.Kind.BUILD ? "no run of this scenario in that build" : "no earlier passed run of this scenario");
        } else {
            out.append(chosen.size()).append(chosen.size() == 1 ? " build" : " builds");
            for (BaselineRun run : chosen) {
                out.append(" #").append(run.build());
            }
        }
        if (!skipped.isEmpty()) {
            out.append("; skipped ").append(String.join(", ", skipped));
        }
        return out.toString();
    }
}
