package io.stressgate.engine.report;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.Severity;

/** How every report words a gate: its limit with the comparison, and actual against limit when it broke. */
final class GateTexts {
    private GateTexts() {
    }

    /** The limit as written with its comparison, e.g. {@code < 1s}; the bare limit when the expression is not ours. */
    static String limit(GateResult gate) {
        String limit = gate.limitText() != null ? gate.limitText() : Figures.number(gate.limit());
        try {
            return GateExpression.parse(gate.expression()).comparison().symbol() + " " + limit;
        } catch (IllegalArgumentException e) {
            // a regression gate or an expression from another tool: show the limit without comparison
            return limit;
        }
    }

    /** The measured value, or "not measured". */
    static String actual(GateResult gate) {
        if (gate.actual() == null) {
            return "not measured";
        }
        return gate.actualText() != null ? gate.actualText() : Figures.number(gate.actual());
    }

    /** "http.p95 was 1.2s, limit < 1s", or the evaluator's sentence when there was nothing to compare. */
    static String verdict(GateResult gate) {
        if (gate.actual() == null) {
            return gate.message() != null ? gate.message() : gate.metric() + " was not measured";
        }
        String metric = gate.metric() != null ? gate.metric() : gate.expression();
        return metric + " was " + actual(gate) + ", limit " + limit(gate);
    }

    /** PASS or FAIL, toned by what the broken gate does to the verdict. */
    static Block.Cell result(GateResult gate) {
        if (gate.passed()) {
            return new Block.Cell("PASS", Tone.PASS);
        }
        return new Block.Cell("FAIL", gate.severity() == Severity.UNSTABLE ? Tone.WARN : Tone.FAIL);
    }
}
