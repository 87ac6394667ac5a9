package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;
import java.util.List;

/** Compares a run with baseline runs from earlier builds; too little data means no gates, never a failure. */
@FunctionalInterface
public interface RegressionCheck {
    RegressionFinding check(RunResults current, List<BaselineRun> baseline);

    /** A check that compares nothing. */
    RegressionCheck NONE = (current, baseline) -> RegressionFinding.none("regression not checked");
}
