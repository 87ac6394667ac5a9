package io.stressgate.engine.result;

import io.stressgate.engine.scenario.Severity;

/**
 * How one gate came out: the expression, its severity, the measured value (null when the run did not produce the
 * metric), the limit, whether it held, and a sentence saying so.
 */
public record GateResult(String expression, String metric, Severity severity, Double actual, String actualText,
                         double limit, String limitText, boolean passed, String message, String source) {

    /** Where a gate comes from: the scenario, or a regression check against earlier builds. */
    public static final String SCENARIO = "scenario";
    public static final String REGRESSION = "regression";
}
