package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the gates of a scenario and checks that each names a metric the scenario can produce. */
final class GateReader {
    private static final Set<String> LIVE_FAMILIES = Set.of("http", "jobs", "queue", "process", "system");

    private final Problems problems;
    private final ScenarioLimits limits;

    GateReader(Problems problems, ScenarioLimits limits) {
        this.problems = problems;
        this.limits = limits;
    }

    List<GateSpec> read(Fields f, List<LoadPhase> load, SystemUnderTest system) {
        List<GateSpec> gates = new ArrayList<>();
        List<Node> nodes = f.list("gates");
        if (nodes.size() > limits.maxGates()) {
            problems.add(f.node().get("gates"), nodes.size() + " gates are more than the limit " + limits.maxGates());
            return gates;
        }
        for (Node node : nodes) {
            GateSpec gate = node instanceof MapNode ? fromMap(node) : fromText(node);
            if (gate != null && checkMetric(node, gate, load)) {
                gates.add(gate);
            }
        }
        return gates;
    }

    private GateSpec fromText(Node node) {
        if (!(node instanceof ScalarNode s) || s.isNull()) {
            problems.add(node, "a gate is a line such as \"http.p95 < 500ms\" or a mapping with expr and severity");
            return null;
        }
        GateExpression expression = parse(node, s.text());
        return expression == null ? null : new GateSpec(expression, Severity.FAIL, false, Duration.ZERO, node.location());
    }

    private GateSpec fromMap(Node node) {
        Fields g = Fields.of(node, problems);
        Node exprNode = g.required("expr", "the gate, e.g. http.p95 < 500ms");
        GateExpression expression = exprNode instanceof ScalarNode s ? parse(exprNode, s.text()) : null;
        if (exprNode != null && !(exprNode instanceof ScalarNode)) {
            problems.add(exprNode, "expr must be a single line");
        }
        Severity severity = g.scalar("severity", Severity.FAIL, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "fail", "failed", "failure" -> Severity.FAIL;
            case "unstable" -> Severity.UNSTABLE;
            default -> throw new IllegalArgumentException("severity \"" + text + "\" must be fail or unstable");
        });
        boolean abort = g.bool("abortOnFail", false);
        Duration delay = g.duration("delay", Duration.ZERO);
        if (g.has("delay") && !abort) {
            problems.add(node, "delay only applies together with abortOnFail: true");
        }
        g.finish();
        if (expression == null || severity == null || delay == null) {
            return null;
        }
        if (abort && !LIVE_FAMILIES.contains(expression.metric().family())) {
            problems.add(node, expression.metric().family() + " is only known after the run; abortOnFail cannot watch it");
            return null;
        }
        return new GateSpec(expression, severity, abort, delay, node.location());
    }

    private GateExpression parse(Node node, String text) {
        try {
            GateExpression expression = GateExpression.parse(text);
            if (expression.dimension() == Dimension.FRACTION && (expression.limit() < 0 || expression.limit() > 1)) {
                problems.add(node, "gate \"" + text + "\": a share lies between 0% and 100%, so this gate could never decide anything");
                return null;
            }
            return expression;
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return null;
        }
    }

    /** A gate that names something the scenario never measures is a typo or a mistake; say so before running. */
    private boolean checkMetric(Node node, GateSpec gate, List<LoadPhase> load) {
        MetricRef ref = gate.expression().metric();
        if (load == null) {
            return true;
        }
        Set<String> requestNames = new LinkedHashSet<>();
        load.forEach(p -> requestNames.addAll(p.flow().requestNames()));
        switch (ref.family()) {
            case "http" -> {
                String name = ref.label("name");
                if (name != null && !requestNames.contains(name)) {
                    problems.add(node, "gate \"" + gate.text() + "\": no request is named \"" + name + "\" (requests: "
                            + String.join(", ", requestNames) + ")" + Fields.nearest(name, requestNames)
                            .map(n -> "; did you mean \"" + n + "\"?").orElse(""));
                    return false;
                }
            }
            case "jobs" -> {
                if (load.stream().noneMatch(p -> p.flow() instanceof JobChain)) {
                    problems.add(node, "gate \"" + gate.text() + "\": no phase runs a job chain, so jobs are never measured");
                    return false;
                }
            }
            default -> {
                problems.add(node, "gate \"" + gate.text() + "\": this scenario does not watch any " + ref.family()
                        + " (declare the system under test to measure it)");
                return false;
            }
        }
        return true;
    }
}
