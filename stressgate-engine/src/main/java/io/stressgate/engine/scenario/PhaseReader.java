package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one load phase: its executor, its flow and when it starts. */
final class PhaseReader {
    private static final List<String> EXECUTORS = List.of("constant-vus", "ramping-vus", "constant-arrival-rate",
            "ramping-arrival-rate", "stepping-arrival-rate", "burst", "external");
    static final int DEFAULT_MAX_IN_FLIGHT = 1000;

    private final Problems problems;
    private final RequestReader requests;
    private final ScenarioLimits limits;
    private final ExternalReader external;
    private final Duration interval;
    private final List<ExecutorSpec.StopCondition> stopConditions = new ArrayList<>();

    /** {@code interval} is the run's time-series interval: a stepping phase's steps are whole intervals. */
    PhaseReader(Problems problems, RequestReader requests, ScenarioLimits limits, ExternalReader external,
                Duration interval) {
        this.problems = problems;
        this.requests = requests;
        this.limits = limits;
        this.external = external;
        this.interval = interval;
    }

    /** Every stop condition read so far, also those of phases that had other problems (checked once the system is known). */
    List<ExecutorSpec.StopCondition> stopConditions() {
        return stopConditions;
    }

    /** Reads a phase; {@code previous} is the phase written before it (null for the first). */
    LoadPhase read(Node node, String previous) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "every phase needs a name", RequestReader::name);
        String type = f.requiredScalar("executor", "one of " + String.join(", ", EXECUTORS), t -> {
            String lower = t.trim().toLowerCase(Locale.ROOT);
            if (!EXECUTORS.contains(lower)) {
                throw new IllegalArgumentException("unknown executor \"" + t + "\""
                        + Fields.nearest(lower, EXECUTORS).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                        + " (known: " + String.join(", ", EXECUTORS) + ")");
            }
            return lower;
        });
        if ("external".equals(type)) {
            return externalPhase(node, f, name, previous);
        }
        ExecutorSpec executor = type == null ? null : executor(type, f);
        if (executor == null) {
            f.accept("vus", "duration", "startVUs", "stages", "rate", "startRate", "maxInFlight", "count", "spread",
                    "start", "step", "stepDuration", "max", "stopWhen");
            f.accept(ExternalReader.KEYS.toArray(String[]::new));
        }
        StartAfter startAfter = f.scalar("startAfter", previous == null ? StartAfter.runStart(Duration.ZERO)
                : StartAfter.endOf(previous, Duration.ZERO), PhaseReader::startAfter);
        Duration think = f.scalar("think", Duration.ZERO, this::shortDuration);
        if (think != null && !think.isZero() && executor != null && executor.open()) {
            problems.add(f.node().get("think"), "think time applies to virtual users; an arrival-rate or burst phase paces itself");
        }
        Flow flow = flow(f, name == null ? "phase" : name);
        f.finish();
        if (name == null || executor == null || flow == null || startAfter == null) {
            return null;
        }
        return new LoadPhase(name, executor, flow, startAfter, think == null ? Duration.ZERO : think, node.location());
    }

    /** An external tool's phase: it sends its own requests, so it has no request, flow or think time of its own. */
    private LoadPhase externalPhase(Node node, Fields f, String name, String previous) {
        for (String key : List.of("request", "requests", "job", "think")) {
            if (f.has(key)) {
                problems.add(f.node().get(key), "an external phase sends no requests of its own (the tool does): remove \""
                        + key + "\"");
            }
        }
        StartAfter startAfter = f.scalar("startAfter", previous == null ? StartAfter.runStart(Duration.ZERO)
                : StartAfter.endOf(previous, Duration.ZERO), PhaseReader::startAfter);
        ExecutorSpec.External executor = external.read(f, name == null ? "external" : name);
        f.finish();
        if (name == null || executor == null || startAfter == null) {
            return null;
        }
        return new LoadPhase(name, executor, RequestFlow.EXTERNAL, startAfter, Duration.ZERO, node.location());
    }

    private ExecutorSpec executor(String type, Fields f) {
        return switch (type) {
            case "constant-vus" -> new ExecutorSpec.ConstantVus(vus(f, "vus", true, 1), phaseDuration(f, "duration"));
            case "ramping-vus" -> rampingVus(f);
            case "constant-arrival-rate" -> new ExecutorSpec.ConstantArrivalRate(rate(f, "rate", true), phaseDuration(f, "duration"),
                    maxInFlight(f, DEFAULT_MAX_IN_FLIGHT));
            case "ramping-arrival-rate" -> rampingRate(f);
            case "stepping-arrival-rate" -> new SteppingReader(this, problems, limits, interval).read(f);
            default -> burst(f);
        };
    }

    private ExecutorSpec rampingVus(Fields f) {
        int start = vus(f, "startVUs", false, 0);
        List<ExecutorSpec.VuStage> stages = new ArrayList<>();
        List<Node> nodes = stageNodes(f);
        Duration end = Duration.ZERO;
        for (Node stageNode : nodes) {
            Fields s = Fields.of(stageNode, problems);
            if (s == null) {
                continue;
            }
            Duration length = stageLength(s, end);
            int target = vus(s, "target", true, 0);
            s.finish();
            if (length != null) {
                end = end.plus(length);
                stages.add(new ExecutorSpec.VuStage(length, target));
            }
        }
        ExecutorSpec.RampingVus spec = new ExecutorSpec.RampingVus(start, stages);
        checkTotal(f, spec.duration());
        if (!nodes.isEmpty() && spec.maxVus() == 0) {
            problems.add(f.node(), "the ramp never has a virtual user: every target is 0");
        }
        return spec;
    }

    private ExecutorSpec rampingRate(Fields f) {
        Rate start = rate(f, "startRate", false);
        List<ExecutorSpec.RateStage> stages = new ArrayList<>();
        List<Node> nodes = stageNodes(f);
        Duration end = Duration.ZERO;
        boolean anyRate = start != null && start.perSecond() > 0;
        for (Node stageNode : nodes) {
            Fields s = Fields.of(stageNode, problems);
            if (s == null) {
                continue;
            }
            Duration length = stageLength(s, end);
            Rate target = rate(s, "target", true);
            s.finish();
            if (length != null && target != null) {
                end = end.plus(length);
                anyRate |= target.perSecond() > 0;
                stages.add(new ExecutorSpec.RateStage(length, target));
            }
        }
        if (!nodes.isEmpty() && !anyRate) {
            problems.add(f.node(), "the ramp never starts an iteration: every rate is 0");
        }
        ExecutorSpec.RampingArrivalRate spec = new ExecutorSpec.RampingArrivalRate(start == null ? new Rate(0) : start,
                stages, maxInFlight(f, DEFAULT_MAX_IN_FLIGHT));
        checkTotal(f, spec.duration());
        return spec;
    }

    private ExecutorSpec burst(Fields f) {
        long count = f.scalar("count", 0L, Quantities::count);
        if (!f.has("count")) {
            problems.add(f.node(), "\"count\" is required: how many iterations the burst starts at once");
        } else if (count < 1 || count > limits.maxBurst()) {
            problems.add(f.node().get("count"), "count " + count + " must be between 1 and " + limits.maxBurst());
            count = 1;
        }
        Duration spread = f.scalar("spread", Duration.ZERO, this::phaseLengthValue);
        int maxInFlight = maxInFlight(f, (int) Math.min(count, limits.maxInFlight()));
        return new ExecutorSpec.Burst((int) count, spread == null ? Duration.ZERO : spread, maxInFlight);
    }

    private List<Node> stageNodes(Fields f) {
        List<Node> nodes = f.list("stages");
        if (nodes.isEmpty()) {
            problems.add(f.node(), "\"stages\" is required: a list of {duration, target}");
        } else if (nodes.size() > limits.maxStages()) {
            problems.add(f.node().get("stages"), nodes.size() + " stages are more than the limit " + limits.maxStages());
        }
        return nodes;
    }

    /** A stage lasts {@code duration}, or runs {@code until} an offset within the phase that lies after the previous stage. */
    private Duration stageLength(Fields s, Duration previousEnd) {
        if (s.has("duration") == s.has("until")) {
            problems.add(s.node(), "a stage needs exactly one of \"duration\" or \"until\"");
            s.accept("duration", "until");
            return null;
        }
        if (s.has("duration")) {
            Duration d = s.duration("duration", null);
            if (d != null && d.isZero()) {
                problems.add(s.node().get("duration"), "a stage of 0s never runs; remove it or give it a length");
                return null;
            }
            return d;
        }
        Duration until = s.duration("until", null);
        if (until == null) {
            return null;
        }
        if (until.compareTo(previousEnd) <= 0) {
            problems.add(s.node().get("until"), "this stage ends at " + Quantities.format(until) + ", before it starts at "
                    + Quantities.format(previousEnd) + " (the end of the stage before)");
            return null;
        }
        return until.minus(previousEnd);
    }

    private int vus(Fields f, String key, boolean required, int fallback) {
        if (!f.has(key)) {
            if (required) {
                problems.add(f.node(), "\"" + key + "\" is required");
            }
            return fallback;
        }
        long value = f.scalar(key, (long) fallback, Quantities::count);
        if (value > limits.maxVus() || required && key.equals("vus") && value < 1) {
            problems.add(f.node().get(key), key + " " + value + " must be between " + (key.equals("vus") ? 1 : 0) + " and " + limits.maxVus());
            return fallback;
        }
        return (int) value;
    }

    Rate rate(Fields f, String key, boolean required) {
        if (!f.has(key)) {
            if (required) {
                problems.add(f.node(), "\"" + key + "\" is required, e.g. 100/s");
            }
            return required ? null : new Rate(0);
        }
        Rate rate = f.scalar(key, null, Quantities::rate);
        if (rate != null && rate.perSecond() > limits.maxRatePerSecond()) {
            problems.add(f.node().get(key), "rate " + rate + " is more than the limit " + Quantities.formatNumber(limits.maxRatePerSecond()) + "/s");
            return null;
        }
        if (rate != null && required && key.equals("rate") && rate.perSecond() == 0) {
            problems.add(f.node().get(key), "a rate of 0 never starts an iteration");
            return null;
        }
        return rate;
    }

    int maxInFlight(Fields f, int fallback) {
        long value = f.scalar("maxInFlight", (long) fallback, Quantities::count);
        if (value < 1 || value > limits.maxInFlight()) {
            problems.add(f.node().get("maxInFlight"), "maxInFlight " + value + " must be between 1 and " + limits.maxInFlight());
            return fallback;
        }
        return (int) value;
    }

    private Duration phaseDuration(Fields f, String key) {
        if (!f.has(key)) {
            problems.add(f.node(), "\"" + key + "\" is required, e.g. 30s");
            return Duration.ZERO;
        }
        Duration d = f.scalar(key, null, this::phaseLengthValue);
        if (d != null && d.isZero()) {
            problems.add(f.node().get(key), "a duration of 0 runs nothing");
        }
        return d == null ? Duration.ZERO : d;
    }

    Duration phaseLengthValue(String text) {
        Duration d = Quantities.duration(text);
        if (d.compareTo(limits.maxDuration()) > 0) {
            throw new IllegalArgumentException("duration " + text + " is longer than the limit " + Quantities.format(limits.maxDuration()));
        }
        return d;
    }

    private Duration shortDuration(String text) {
        Duration d = Quantities.duration(text);
        if (d.compareTo(limits.maxTimeout()) > 0) {
            throw new IllegalArgumentException(text + " is longer than the limit " + Quantities.format(limits.maxTimeout()));
        }
        return d;
    }

    private void checkTotal(Fields f, Duration total) {
        if (total.compareTo(limits.maxDuration()) > 0) {
            problems.add(f.node(), "the stages last " + Quantities.format(total) + ", longer than the limit " + Quantities.format(limits.maxDuration()));
        }
    }

    /** Reads {@code 10s}, {@code warmup} or {@code warmup+10s}. */
    static StartAfter startAfter(String text) {
        String s = text.trim();
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            return StartAfter.runStart(Quantities.duration(s));
        }
        int plus = s.indexOf('+');
        String phase = plus < 0 ? s : s.substring(0, plus).trim();
        Duration delay = plus < 0 ? Duration.ZERO : Quantities.duration(s.substring(plus + 1).trim());
        return StartAfter.endOf(RequestReader.name(phase), delay);
    }

    private Flow flow(Fields f, String phase) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("request", "requests", "job")) {
            if (f.has(key)) {
                given.add(key);
            }
        }
        if (given.size() != 1) {
            problems.add(f.node(), given.isEmpty() ? "a phase needs one of \"request\", \"requests\" or \"job\""
                    : "give only one of " + String.join(", ", given));
            f.accept("request", "requests", "job");
            return null;
        }
        Node node = f.node(given.get(0)).orElseThrow();
        return switch (given.get(0)) {
            case "request" -> single(node, phase);
            case "requests" -> sequence(node, phase);
            default -> job(node, phase);
        };
    }

    private Flow single(Node node, String phase) {
        RequestSpec spec = requests.read(node, phase, Template.BUILT_INS);
        return spec == null ? null : new RequestFlow(List.of(spec));
    }

    private Flow sequence(Node node, String phase) {
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            problems.add(node, "\"requests\" must be a non-empty list of requests");
            return null;
        }
        if (list.items().size() > limits.maxRequestsPerFlow()) {
            problems.add(node, list.items().size() + " requests are more than the limit " + limits.maxRequestsPerFlow());
            return null;
        }
        Set<String> available = new HashSet<>(Template.BUILT_INS);
        List<RequestSpec> steps = new ArrayList<>();
        int index = 1;
        for (Node item : list.items()) {
            RequestSpec spec = requests.read(item, phase + "-" + index++, available);
            if (spec != null) {
                steps.add(spec);
                available.addAll(spec.extract().keySet());
            }
        }
        return steps.size() == list.items().size() ? new RequestFlow(steps) : null;
    }

    private Flow job(Node node, String phase) {
        Fields j = Fields.of(node, problems);
        if (j == null) {
            return null;
        }
        Set<String> withId = new HashSet<>(Template.BUILT_INS);
        withId.add(JobChain.ID);
        Node submitNode = j.required("submit", "the request that submits the job");
        RequestSpec submit = submitNode == null ? null : requests.read(submitNode, phase + "-submit", Template.BUILT_INS);
        String idPointer = j.scalar("id", "/id", RequestReader::pointer);
        Node pollNode = j.required("poll", "the request that reads the job's status, e.g. {path: \"/jobs/{{id}}\"}");
        RequestSpec poll = pollNode == null ? null : requests.read(pollNode, phase + "-poll", withId);
        Duration every = j.scalar("every", Duration.ofMillis(500), this::shortDuration);
        String statusPointer = j.scalar("status", "/status", RequestReader::pointer);
        Set<String> done = words(j, "done", Set.of("done", "finished", "completed", "complete", "success", "succeeded"));
        Set<String> failed = words(j, "failed", Set.of("failed", "failure", "error", "errored", "canceled", "cancelled"));
        Set<String> pending = words(j, "pending", Set.of("queued", "pending", "waiting", "scheduled", "deferred", "received"));
        Duration timeout = j.scalar("timeout", Duration.ofSeconds(60), this::shortDuration);
        String completionsPointer = j.scalar("completions", null, RequestReader::pointer);
        if (every != null && timeout != null && every.compareTo(timeout) >= 0) {
            problems.add(j.node().get(j.has("every") ? "every" : "timeout"), "polling every " + Quantities.format(every)
                    + " with a timeout of " + Quantities.format(timeout) + " would never poll twice");
        }
        Set<String> overlap = new LinkedHashSet<>(done);
        overlap.retainAll(failed);
        if (!overlap.isEmpty()) {
            problems.add(j.node(), "statuses " + overlap + " are listed as both done and failed");
        }
        List<RequestSpec> then = new ArrayList<>();
        int index = 1;
        for (Node item : j.list("then")) {
            RequestSpec spec = requests.read(item, phase + "-then-" + index++, withId);
            if (spec != null) {
                then.add(spec);
            }
        }
        j.finish();
        if (submit == null || poll == null || idPointer == null || statusPointer == null || every == null || timeout == null) {
            return null;
        }
        submit = withExtract(submit, JobChain.ID, idPointer);
        return new JobChain(submit, idPointer, poll, every, statusPointer, done, failed, pending, timeout, then,
                completionsPointer);
    }

    private static RequestSpec withExtract(RequestSpec spec, String name, String pointer) {
        var extract = new java.util.LinkedHashMap<>(spec.extract());
        extract.put(name, pointer);
        return new RequestSpec(spec.name(), spec.method(), spec.origin(), spec.pathAndQuery(), spec.headers(), spec.body(),
                spec.timeout(), spec.connectTimeout(), spec.expect(), spec.maxResponseBytes(), extract, spec.checks(),
                spec.redirects(), spec.location());
    }

    private Set<String> words(Fields f, String key, Set<String> fallback) {
        if (!f.has(key)) {
            return fallback;
        }
        Set<String> words = new LinkedHashSet<>();
        for (Node n : f.list(key)) {
            if (n instanceof ScalarNode s && !s.isNull() && !s.text().isBlank()) {
                words.add(s.text().trim().toLowerCase(Locale.ROOT));
            } else {
                problems.add(n, "expected a status word such as finished");
            }
        }
        return words;
    }
}
