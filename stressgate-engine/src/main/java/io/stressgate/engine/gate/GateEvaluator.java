package io.stressgate.engine.gate;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.Comparison;
import io.stressgate.engine.scenario.Dimension;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides every gate against a metric source. It never throws for a gate: each comes back with its status,
 * its actual value and a sentence; a metric the run did not produce breaks the gate (no silent pass).
 */
public final class GateEvaluator {
    public List<GateResult> evaluate(List<GateSpec> gates, MetricSource source) {
        List<GateResult> results = new ArrayList<>(gates.size());
        for (GateSpec gate : gates) {
            results.add(evaluate(gate, source));
        }
        return results;
    }

    public GateResult evaluate(GateSpec gate, MetricSource source) {
        GateExpression e = gate.expression();
        String limitText = e.limitText().trim(); // as written: 400MB stays 400MB, not 381.47MiB
        MetricValue value = source.value(e.metric());
        if (value instanceof MetricValue.Missing missing) {
            return new GateResult(e.text(), e.metric().toString(), gate.severity(), null, null, e.limit(), limitText, false,
                    e.metric() + " was not measured: " + missing.reason(), GateResult.SCENARIO);
        }
        if (value instanceof MetricValue.AtLeast bound) {
            return lowerBound(gate, bound, limitText);
        }
        double actual = ((MetricValue.Present) value).value();
        String actualText = e.dimension() == Dimension.BYTES ? Quantities.formatBytesLike(actual, limitText)
                : e.dimension().format(actual);
        boolean passed = e.holds(actual);
        String message = (passed ? "holds: " : "broken: ") + e.metric() + " was " + actualText + ", limit "
                + e.comparison().symbol() + " " + limitText;
        return new GateResult(e.text(), e.metric().toString(), gate.severity(), actual, actualText, e.limit(), limitText,
                passed, message, GateResult.SCENARIO);
    }

    /**
     * A value known only to be at least {@code bound}: it keeps a {@code >} or {@code >=} gate that the bound itself
     * keeps (the true value can only be higher); any other gate cannot be decided on it and breaks, saying why.
     */
    private static GateResult lowerBound(GateSpec gate, MetricValue.AtLeast bound, String limitText) {
        GateExpression e = gate.expression();
        String actualText = "at least " + e.dimension().format(bound.value());
        boolean upward = e.comparison() == Comparison.GREATER
                || e.comparison() == Comparison.GREATER_OR_EQUAL;
        boolean passed = upward && e.holds(bound.value());
        String message = passed ? "holds: " + e.metric() + " was " + actualText + " (" + bound.why() + "), limit "
                + e.comparison().symbol() + " " + limitText
                : "broken: " + e.metric() + " was " + actualText + " (" + bound.why() + "), which "
                        + (upward ? "is below the limit " : "cannot show ") + e.comparison().symbol() + " " + limitText;
        return new GateResult(e.text(), e.metric().toString(), gate.severity(), bound.value(), actualText, e.limit(),
                limitText, passed, message, GateResult.SCENARIO);
    }
}
