package io.stressgate.engine.regression;

import java.util.List;

/**
 * The runs a candidate is compared with (newest first), whether they were pinned or chosen as the last PASSED runs,
 * and a sentence saying which they are, or why there is none.
 */
public record Baseline(List<BaselineRun> runs, boolean pinned, String description) {
    public Baseline {
        runs = List.copyOf(runs);
    }

    /** No baseline, and why: a first build, or no earlier run that passed. Not a failure. */
    public static Baseline none(String reason) {
        return new Baseline(List.of(), false, reason);
    }

    public boolean present() {
        return !runs.isEmpty();
    }

    public List<String> runIds() {
        return runs.stream().map(BaselineRun::id).toList();
    }

    public List<Long> builds() {
        return runs.stream().map(BaselineRun::build).toList();
    }
}
