package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * A gate of a scenario: the expression, what breaking it does to the verdict, and whether the run is stopped as
 * soon as it breaks (checked while the load runs, once {@code delay} has passed).
 */
public record GateSpec(GateExpression expression, Severity severity, boolean abortOnFail, Duration delay,
                       Location location) {
    public String text() {
        return expression.text();
    }
}
