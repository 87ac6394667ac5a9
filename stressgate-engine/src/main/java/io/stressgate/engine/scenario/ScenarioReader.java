package io.stressgate.engine.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a document tree into a {@link Scenario}, collecting every problem on the way. */
final class ScenarioReader {
    private final Problems problems;
    private final ScenarioLimits limits;
    private final Path baseDir;
    private final BodyFiles files;

    /** {@code baseDir} resolves relative paths; body files must lie inside {@code filesRoot}. */
    ScenarioReader(Problems problems, ScenarioLimits limits, Path baseDir, Path filesRoot) {
        this.problems = problems;
        this.limits = limits;
        this.baseDir = baseDir;
        this.files = new BodyFiles(baseDir, filesRoot);
    }

    Scenario read(Node root, ScenarioSource source) {
        Fields f = Fields.of(root, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "a name for the scenario", ScenarioReader::displayName);
        String description = f.scalar("description", "", ScenarioReader::displayText);
        Node targetNode = f.node("target").orElse(null);
        URI target = f.scalar("target", null, RequestReader::absoluteUrl);
        RequestReader.RequestDefaults defaults = defaults(f, targetNode);
        RunOptions options = options(f);
        RequestReader requests = new RequestReader(problems, target, targetNode, defaults, files, limits);
        PhaseReader phaseReader = new PhaseReader(problems, requests, limits,
                new ExternalReader(problems, limits, baseDir), options.interval());
        List<LoadPhase> load = load(f, phaseReader);
        options = options.withTls(new TlsReader(problems, files).read(f, load));
        SystemUnderTest system = new SystemReader(problems, limits, baseDir).read(f, load);
        SteppingReader.check(phaseReader.stopConditions(), load, system, problems);
        List<GateSpec> gates = new GateReader(problems, limits).read(f, load, system);
        ShardingSpec sharding = new ShardingReader(problems).read(f);
        f.finish();
        if (name == null || load == null) {
            return null;
        }
        return new Scenario(name, description, source, target, options, load, gates, system, sharding, null);
    }

    /** Free text shown to people (it is escaped wherever shown); control characters are refused. */
    static String displayName(String text) {
        String s = displayText(text).trim();
        if (s.isEmpty() || s.length() > 128) {
            throw new IllegalArgumentException("name must be 1 to 128 characters");
        }
        return s;
    }

    static String displayText(String text) {
        if (text.length() > 4000) {
            throw new IllegalArgumentException("text longer than 4000 characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new IllegalArgumentException("text holds the control character U+" + String.format("%04X", (int) c));
            }
        }
        return text;
    }

    private RequestReader.RequestDefaults defaults(Fields f, Node targetNode) {
        RequestReader.RequestDefaults builtIn = RequestReader.RequestDefaults.BUILT_IN;
        Node node = f.node("defaults").orElse(null);
        if (node == null) {
            return builtIn;
        }
        Fields d = Fields.of(node, problems);
        if (d == null) {
            return builtIn;
        }
        RequestReader headerReader = new RequestReader(problems, null, targetNode, builtIn, files, limits);
        List<RequestSpec.Header> headers = d.node("headers").map(h -> headerReader.readHeaders(h, Template.BUILT_INS)).orElse(List.of());
        Duration timeout = d.duration("timeout", builtIn.timeout());
        Duration connectTimeout = d.duration("connectTimeout", builtIn.connectTimeout());
        StatusSet expect = d.has("expect") ? headerReader.statuses(d.list("expect")) : builtIn.expect();
        long maxResponse = d.scalar("maxResponseSize", builtIn.maxResponseBytes(), Quantities::bytes);
        d.finish();
        return new RequestReader.RequestDefaults(headers, timeout == null ? builtIn.timeout() : timeout,
                connectTimeout == null ? builtIn.connectTimeout() : connectTimeout,
                expect == null ? builtIn.expect() : expect, maxResponse);
    }

    private RunOptions options(Fields f) {
        RunOptions builtIn = RunOptions.DEFAULTS;
        Node node = f.node("options").orElse(null);
        if (node == null) {
            return builtIn;
        }
        Fields o = Fields.of(node, problems);
        if (o == null) {
            return builtIn;
        }
        long threads = o.count("threads", builtIn.threads());
        if (threads > 256) {
            problems.add(o.node().get("threads"), "threads " + threads + " is more than 256");
            threads = builtIn.threads();
        }
        Duration interval = o.duration("interval", builtIn.interval());
        if (interval != null && (interval.toMillis() < 100 || interval.toHours() > 1)) {
            problems.add(o.node().get("interval"), "interval must be between 100ms and 1h");
            interval = builtIn.interval();
        }
        Duration graceful = o.duration("gracefulStop", builtIn.gracefulStop());
        Duration drain = o.duration("drainTimeout", builtIn.drainTimeout());
        for (String key : List.of("gracefulStop", "drainTimeout")) {
            Duration d = key.equals("gracefulStop") ? graceful : drain;
            if (d != null && d.compareTo(limits.maxTimeout()) > 0) {
                problems.add(o.node().get(key), key + " is longer than the limit " + Quantities.format(limits.maxTimeout()));
            }
        }
        boolean warmup = o.bool("warmup", builtIn.warmup());
        boolean tlsVerify = o.bool("tlsVerify", builtIn.tlsVerify());
        TransportOptions transport = new TransportReader(problems).read(o);
        ClientOptions client = new ClientOptionsReader(problems).read(o);
        HttpOptions http = HttpOptions.read(o);
        o.finish();
        return new RunOptions((int) threads, interval == null ? builtIn.interval() : interval,
                graceful == null ? builtIn.gracefulStop() : graceful, drain == null ? builtIn.drainTimeout() : drain, warmup,
                tlsVerify, TlsSpec.NONE, transport, client, http);
    }

    private List<LoadPhase> load(Fields f, PhaseReader reader) {
        Node node = f.required("load", "a list of load phases");
        if (node == null) {
            return null;
        }
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            problems.add(node, "\"load\" must be a non-empty list of phases");
            return null;
        }
        if (list.items().size() > limits.maxPhases()) {
            problems.add(node, list.items().size() + " phases are more than the limit " + limits.maxPhases());
            return null;
        }
        List<LoadPhase> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String previous = null;
        boolean complete = true;
        for (Node item : list.items()) {
            LoadPhase phase = reader.read(item, previous);
            if (phase == null) {
                complete = false;
                continue;
            }
            if (!names.add(phase.name())) {
                problems.add(item, "phase name \"" + phase.name() + "\" is used twice");
                complete = false;
            }
            phases.add(phase);
            previous = phase.name();
        }
        if (!complete) {
            return null;
        }
        if (phases.size() > 1 && phases.stream().anyMatch(p -> p.executor() instanceof ExecutorSpec.External)) {
            problems.add(node, "an external tool's phase must be the only load phase (its own results cannot be merged"
                    + " with other phases' yet); run the other phases in a scenario of their own");
            return null;
        }
        try {
            PhasePlan plan = new PhasePlan(phases);
            if (plan.totalDuration().compareTo(limits.maxDuration()) > 0) {
                problems.add(node, "the phases run for " + Quantities.format(plan.totalDuration()) + ", longer than the limit "
                        + Quantities.format(limits.maxDuration()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return null;
        }
        return phases;
    }
}
