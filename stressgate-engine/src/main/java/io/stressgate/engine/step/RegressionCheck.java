package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;
import java.util.List;

/** Compares a run with baseline runs from earlier builds; too little data means no gates, never a failure. */
@FunctionalInterface
public interface RegressionCheck {
    RegressionFinding check(RunResults current, List<BaselineRun> baseline);

    /** A check that compares nothing. */
    RegressionCheck NONE = (current, baseline) -> RegressionFinding.none("regression not checked");

    /**
     * Checks against the selected baseline; with no baseline runs (a first build, nothing passed yet) it adds no gates
     * and says so. The note names the builds compared with.
     */
    default RegressionFinding compare(RunResults current, BaselineSelector.Selection selection) {
        if (selection.runs().isEmpty()) {
            return RegressionFinding.none(selection.note() + "; no regression check");
        }
        RegressionFinding finding = check(current, selection.runs());
        return new RegressionFinding(finding.gates(), selection.note() + "; " + finding.note());
    }
}
