package io.stressgate.engine.run;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.scenario.GateSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Watches the gates marked abortOnFail while the run goes: once a gate's delay has passed, a broken gate stops
 * the run. A metric not measured yet does not stop it (that is decided at the end).
 */
final class AbortWatch {
    private final List<GateSpec> gates;
    private final GateEvaluator evaluator = new GateEvaluator();

    AbortWatch(List<GateSpec> gates) {
        this.gates = gates.stream().filter(GateSpec::abortOnFail).toList();
    }

    boolean active() {
        return !gates.isEmpty();
    }

    /** The first watched gate that is broken at {@code elapsed}, if any. */
    Optional<GateResult> broken(Duration elapsed, MetricSource live) {
        for (GateSpec gate : gates) {
            if (elapsed.compareTo(gate.delay()) < 0) {
                continue;
            }
            GateResult result = evaluator.evaluate(gate, live);
            if (!result.passed() && result.actual() != null) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
