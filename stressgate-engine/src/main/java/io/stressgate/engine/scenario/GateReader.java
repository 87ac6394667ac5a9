package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the gates of a scenario and checks that each names a metric the scenario can produce. */
final class GateReader {
    /** The metric families known while the load runs: what abortOnFail gates and chaos conditions may watch. */
    static final Set<String> LIVE_FAMILIES = Set.of("http", "checks", "jobs", "queue", "process", "system");
    /** The metric families an imported run has: a load tool's result file holds requests and nothing else. */
    static final Set<String> IMPORTED_FAMILIES = Set.of("http", "iterations");

    private final Problems problems;
    private final ScenarioLimits limits;

    GateReader(Problems problems, ScenarioLimits limits) {
        this.problems = problems;
        this.limits = limits;
    }

    List<GateSpec> read(Fields f, List<LoadPhase> load, SystemUnderTest system) {
        return read(f, ref -> unmeasured(ref, load, system));
    }

    /**
     * Reads the gates of an imported run, which has only the load tool's figures: http and iterations metrics;
     * abortOnFail has nothing to abort there.
     */
    List<GateSpec> readImported(Fields f) {
        List<GateSpec> gates = read(f, ref -> IMPORTED_FAMILIES.contains(ref.family()) ? Optional.empty()
                : Optional.of("an imported run has only the load tool's figures (http.* and iterations.*); "
                        + ref.family() + " is measured by Stress Gate's own runs"));
        for (GateSpec g : gates) {
            if (g.abortOnFail()) {
                problems.add(g.location(), "", "gate \"" + g.text() + "\": abortOnFail has nothing to abort in an imported run");
            }
        }
        return gates;
    }

    private List<GateSpec> read(Fields f, java.util.function.Function<MetricRef, Optional<String>> unmeasured) {
        List<GateSpec> gates = new ArrayList<>();
        List<Node> nodes = f.list("gates");
        if (nodes.size() > limits.maxGates()) {
            problems.add(f.node().get("gates"), nodes.size() + " gates are more than the limit " + limits.maxGates());
            return gates;
        }
        for (Node node : nodes) {
            GateSpec gate = node instanceof MapNode ? fromMap(node) : fromText(node);
            if (gate == null) {
                continue;
            }
            Optional<String> reason = unmeasured.apply(gate.expression().metric());
            reason.ifPresent(r -> problems.add(node, "gate \"" + gate.text() + "\": " + r));
            if (reason.isEmpty()) {
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

    /** A gate that names something the run never measures is a typo or a mistake: it is reported before anything runs. */
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

    /**
     * Why the scenario never measures a metric, or empty when it does. Gates and chaos conditions both use it;
     * with {@code load} null (unreadable) request and job metrics are not checked.
     */
    static Optional<String> unmeasured(MetricRef ref, List<LoadPhase> load, SystemUnderTest system) {
        return switch (ref.family()) {
            case "http" -> load == null ? Optional.empty() : unknownRequest(ref.label("name"), load);
            case "iterations" -> Optional.empty();
            case "jobs" -> load == null || load.stream().anyMatch(p -> p.flow() instanceof JobChain) ? Optional.empty()
                    : Optional.of("no phase runs a job chain, so jobs are never measured");
            case "queue" -> unknownName(ref.label("name"), system.queues().stream().map(QueueSpec::name).toList(), "queue",
                    "this scenario declares no queues (add them under \"queues\" to measure them)")
                    .or(() -> unackedOutsideCelery(ref, system));
            case "process" -> unknownName(ref.label("name"), system.watchedNames(), "service or process group",
                    "this scenario watches no processes (declare services or processes to measure them)");
            case "system" -> system.sampling().system() ? Optional.empty()
                    : Optional.of("the machine is not sampled (sampling: {system: false})");
            case "orphans" -> orphansUnmeasured(system);
            case "leaks" -> system.watchedNames().isEmpty()
                    ? Optional.of("this scenario watches no processes, so nothing is checked for leaks (declare services or processes)")
                    : Optional.empty();
            case "checks" -> load == null ? Optional.empty() : unknownCheck(ref, load);
            case "load" -> load == null || load.stream().anyMatch(p -> p.executor() instanceof ExecutorSpec.SteppingArrivalRate)
                    ? Optional.empty() : Optional.of("no phase is a stepping-arrival-rate phase, so no breaking point is measured");
            case "chaos" -> system.chaos().isEmpty() ? Optional.of("this scenario declares no chaos actions") : Optional.empty();
            default -> Optional.of("this scenario does not measure any " + ref.family());
        };
    }

    private static Optional<String> unackedOutsideCelery(MetricRef ref, SystemUnderTest system) {
        if (!"unacked".equals(ref.stat())) {
            return Optional.empty();
        }
        return system.queue(ref.label("name")).filter(q -> q.type() != QueueSpec.Type.CELERY)
                .map(q -> "unacked is measured for celery queues only; queue " + q.name() + " is of type "
                        + q.type().name().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> unknownRequest(String name, List<LoadPhase> load) {
        Set<String> requestNames = new LinkedHashSet<>();
        load.forEach(p -> requestNames.addAll(p.flow().requestNames()));
        boolean external = load.stream().anyMatch(p -> p.executor() instanceof ExecutorSpec.External);
        if (name == null || requestNames.contains(name) || external) { // an external tool names its requests itself
            return Optional.empty();
        }
        return Optional.of("no request is named \"" + name + "\" (requests: " + String.join(", ", requestNames) + ")"
                + Fields.nearest(name, requestNames).map(n -> "; did you mean \"" + n + "\"?").orElse(""));
    }

    private static Optional<String> unknownCheck(MetricRef ref, List<LoadPhase> load) {
        String request = ref.label("request");
        if (request != null) {
            Optional<String> unknown = unknownRequest(request, load);
            if (unknown.isPresent()) {
                return unknown;
            }
        }
        Set<String> checks = new LinkedHashSet<>();
        load.forEach(p -> p.flow().requests().stream().filter(r -> request == null || r.name().equals(request))
                .forEach(r -> r.checks().forEach(c -> checks.add(c.name()))));
        String where = request == null ? "no request declares checks" : "request " + request + " declares no checks";
        if (ref.label("name") == null) {
            return checks.isEmpty() ? Optional.of(where) : Optional.empty();
        }
        return unknownName(ref.label("name"), List.copyOf(checks), "check", where);
    }

    private static Optional<String> unknownName(String name, List<String> known, String what, String none) {
        if (known.isEmpty()) {
            return Optional.of(none);
        }
        if (known.contains(name)) {
            return Optional.empty();
        }
        return Optional.of("no " + what + " is named \"" + name + "\" (known: " + String.join(", ", known) + ")"
                + Fields.nearest(name, known).map(n -> "; did you mean \"" + n + "\"?").orElse(""));
    }

    private static Optional<String> orphansUnmeasured(SystemUnderTest system) {
        if (!system.orphans().enabled()) {
            return Optional.of("the orphan check is disabled (orphans: {enabled: false})");
        }
        if (system.services().isEmpty() && system.processes().isEmpty() && system.orphans().pattern() == null) {
            return Optional.of("nothing here can leave orphans: declare services or processes, or orphans.pattern");
        }
        return Optional.empty();
    }
}
