package io.stressgate.engine.step;

import io.stressgate.engine.result.GateResult;
import java.util.ArrayList;
import java.util.List;

/** Gates as single, display-safe lines for the build log and messages. */
final class GateLines {
    static final int MAX_LINE = 400;

    private GateLines() {
    }

    /** {@code [fail] p99 < 200ms: broken: ...}, marked {@code regression} when it came from a baseline comparison. */
    static String line(GateResult gate) {
        String kind = GateResult.REGRESSION.equals(gate.source()) ? "regression " : "";
        String status = gate.passed() ? "ok" : gate.severity().label();
        return DisplayText.clamp("[" + kind + status + "] " + gate.expression() + ": " + gate.message(), MAX_LINE);
    }

    static List<String> all(List<GateResult> gates) {
        List<String> out = new ArrayList<>(gates.size());
        for (GateResult gate : gates) {
            out.add(line(gate));
        }
        return out;
    }

    static List<String> broken(List<GateResult> gates) {
        List<String> out = new ArrayList<>();
        for (GateResult gate : gates) {
            if (!gate.passed()) {
                out.add(line(gate));
            }
        }
        return out;
    }
}
