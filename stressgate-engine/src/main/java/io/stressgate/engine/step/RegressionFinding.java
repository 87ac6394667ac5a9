package io.stressgate.engine.step;

import io.stressgate.engine.result.GateResult;
import java.util.List;

/**
 * What the regression check adds to a run: gates with {@code source = regression} (none when there was no baseline)
 * and a sentence for the log saying what was compared with what.
 */
public record RegressionFinding(List<GateResult> gates, String note) {
    public RegressionFinding {
        gates = List.copyOf(gates);
    }

    /** Nothing compared, and why. */
    public static RegressionFinding none(String why) {
        return new RegressionFinding(List.of(), why);
    }
}
