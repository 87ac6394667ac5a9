package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code stepping-arrival-rate} phase: the rates it steps through, how long each step lasts, and the
 * conditions (gate grammar, on one step's figures) that end it. Reports every problem with its key.
 */
final class SteppingReader {
    /** What a stop condition may watch: the step's own HTTP figures and the queues sampled during it. */
    static final Set<String> FAMILIES = Set.of("http", "queue");
    private static final Set<String> QUEUE_STATS = Set.of("depth", "max_depth");
    private static final int MAX_CONDITIONS = 16;

    private final PhaseReader phases;
    private final Problems problems;
    private final ScenarioLimits limits;
    private final Duration interval;

    SteppingReader(PhaseReader phases, Problems problems, ScenarioLimits limits, Duration interval) {
        this.phases = phases;
        this.problems = problems;
        this.limits = limits;
        this.interval = interval;
    }

    ExecutorSpec.SteppingArrivalRate read(Fields f) {
        Rate start = positiveRate(f, "start");
        Rate step = positiveRate(f, "step");
        Rate max = phases.rate(f, "max", true);
        Duration stepDuration = stepDuration(f);
        List<ExecutorSpec.StopCondition> stopWhen = conditions(f);
        int maxInFlight = phases.maxInFlight(f, PhaseReader.DEFAULT_MAX_IN_FLIGHT);
        if (start == null || step == null || max == null || stepDuration == null) {
            return null;
        }
        int steps = ExecutorSpec.SteppingArrivalRate.steps(start, step, max);
        if (steps == 0) {
            problems.add(f.node().get("max"), "max " + max + " is below start " + start + ": the phase would have no step");
            return null;
        }
        if (steps > limits.maxStages()) {
            problems.add(f.node().get("step"), "from " + start + " to " + max + " by " + step + " makes " + steps
                    + " steps, more than the limit " + limits.maxStages());
            return null;
        }
        ExecutorSpec.SteppingArrivalRate spec = new ExecutorSpec.SteppingArrivalRate(start, step, stepDuration, max,
                stopWhen, maxInFlight);
        if (spec.duration().compareTo(limits.maxDuration()) > 0) {
            problems.add(f.node(), "the steps last " + Quantities.format(spec.duration()) + ", longer than the limit "
                    + Quantities.format(limits.maxDuration()));
        }
        return spec;
    }

    private Rate positiveRate(Fields f, String key) {
        Rate rate = phases.rate(f, key, true);
        if (rate != null && rate.perSecond() == 0) {
            problems.add(f.node().get(key), key + " of 0/s never raises the load; give a rate such as 5/s");
            return null;
        }
        return rate;
    }

    /** A step is a whole number of intervals, so its figures are exactly the intervals it spans. */
    private Duration stepDuration(Fields f) {
        if (!f.has("stepDuration")) {
            problems.add(f.node(), "\"stepDuration\" is required: how long each rate is held, e.g. 10s");
            return null;
        }
        Duration d = f.scalar("stepDuration", null, phases::phaseLengthValue);
        if (d == null) {
            return null;
        }
        if (d.compareTo(interval) < 0 || d.toNanos() % interval.toNanos() != 0) {
            problems.add(f.node().get("stepDuration"), "stepDuration " + Quantities.format(d)
                    + " must be a whole number of intervals (options.interval is " + Quantities.format(interval) + ")");
            return null;
        }
        return d;
    }

    private List<ExecutorSpec.StopCondition> conditions(Fields f) {
        List<ExecutorSpec.StopCondition> out = new ArrayList<>();
        List<Node> nodes = f.list("stopWhen");
        if (nodes.isEmpty()) {
            problems.add(f.node(), "\"stopWhen\" is required: the conditions that mean the system broke, "
                    + "e.g. [\"http.p95 > 1s\", \"http.error_rate > 1%\"]");
        } else if (nodes.size() > MAX_CONDITIONS) {
            problems.add(f.node().get("stopWhen"), nodes.size() + " conditions are more than the limit " + MAX_CONDITIONS);
        }
        for (Node node : nodes) {
            if (!(node instanceof ScalarNode s) || s.isNull()) {
                problems.add(node, "a stop condition is one line in the gate grammar, e.g. \"http.p95 > 1s\"");
                continue;
            }
            condition(node, s.text()).ifPresent(e -> out.add(new ExecutorSpec.StopCondition(e, node.location(), node.path())));
        }
        phases.stopConditions().addAll(out);
        return out;
    }

    private Optional<GateExpression> condition(Node node, String text) {
        GateExpression e;
        try {
            e = GateExpression.parse(text);
        } catch (IllegalArgumentException ex) {
            problems.add(node, ex.getMessage());
            return Optional.empty();
        }
        String family = e.metric().family();
        if (!FAMILIES.contains(family)) {
            problems.add(node, "condition \"" + text + "\": a stop condition is decided on one step's figures, which hold "
                    + "http and queue metrics, not " + family);
            return Optional.empty();
        }
        if (family.equals("queue") && !QUEUE_STATS.contains(e.metric().stat())) {
            problems.add(node, "condition \"" + text + "\": a step knows a queue's depth and max_depth, not "
                    + e.metric().stat());
            return Optional.empty();
        }
        if (e.dimension() == Dimension.FRACTION && (e.limit() < 0 || e.limit() > 1)) {
            problems.add(node, "condition \"" + text + "\": a share lies between 0% and 100%");
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /**
     * Checks what the phase reader could not: that the requests and queues the stop conditions name exist (the
     * system is read after the load; {@code load} is null when a phase was unreadable), and that only one phase steps.
     */
    static void check(List<ExecutorSpec.StopCondition> conditions, List<LoadPhase> load, SystemUnderTest system,
                      Problems problems) {
        for (ExecutorSpec.StopCondition c : conditions) {
            GateReader.unmeasured(c.expression().metric(), load, system).ifPresent(reason -> problems.add(c.location(),
                    c.path(), "condition \"" + c.expression().text() + "\": " + reason));
        }
        if (load == null) {
            return;
        }
        List<String> stepping = load.stream().filter(p -> p.executor() instanceof ExecutorSpec.SteppingArrivalRate)
                .map(LoadPhase::name).toList();
        if (stepping.size() > 1) {
            problems.add(load.get(0).location(), "load", "only one phase may look for the breaking point; "
                    + stepping.size() + " are stepping-arrival-rate: " + String.join(", ", stepping));
        }
    }
}
