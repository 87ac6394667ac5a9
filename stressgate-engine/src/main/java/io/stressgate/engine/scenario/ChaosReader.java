package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code chaos}, the actions injected while the load runs:
 * <pre>
 * chaos:
 *   - name: kill-worker
 *     at: 10s                       # after the load starts; or when: "queue{name=default}.depth > 50" (first time it holds)
 *     action: kill                  # kill | pause | stop | start
 *     target: worker                # a service or process group (kill, pause)
 *     signal: KILL                  # kill: TERM (default), KILL, INT, HUP, STOP, CONT
 *     count: 1                      # how many of the candidates to hit (default 1)
 *     max: 3                        # refuse the action when more candidates are found (default: count)
 *     among: children               # candidates: matches (default) | children (of the matches) | leaves (of their trees)
 *     pick: busy                    # which count candidates: first (pid order, default) | oldest | youngest | random
 *                                   #   | busy (most CPU over 200ms; refused when fewer than count used any)
 *     scope: process                # process | group (their process groups) | tree (with descendants)
 *     restart: true                 # kill of a service: start the killed replica again
 *     recover: {tcp: "127.0.0.1:8000", timeout: 30s, interval: 200ms}   # or http: URL, or command: [..]
 *   - name: redis-outage
 *     when: "queue{name=default}.depth > 50"
 *     action: stop
 *     command: [redis-cli, -p, "6379", shutdown, nosave]
 *     restore: [redis-server, --port, "6379", --daemonize, "yes"]       # recorded on disk before the stop runs
 *     duration: 10s                 # restore after 10s (pause: how long processes stay stopped)
 *     recover: {tcp: "127.0.0.1:6379"}
 * </pre>
 * {@code allowOtherUsers: true} lifts the rule that refuses other users' processes; every use is audited.
 */
final class ChaosReader {
    private static final List<String> PROBE_KINDS = List.of("http", "tcp", "command");

    private final Problems problems;
    private final ScenarioLimits limits;
    private final ServiceReader values;

    ChaosReader(Problems problems, ScenarioLimits limits, ServiceReader values) {
        this.problems = problems;
        this.limits = limits;
        this.values = values;
    }

    List<ChaosSpec> read(Fields f, SystemUnderTest system, List<LoadPhase> load) {
        List<ChaosSpec> actions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node node : values.entries(f, "chaos")) {
            ChaosSpec spec = action(node, system, load);
            if (spec != null && !names.add(spec.name())) {
                problems.add(node, "the chaos action name \"" + spec.name() + "\" is used twice");
            } else if (spec != null) {
                actions.add(spec);
            }
        }
        return actions;
    }

    private ChaosSpec action(Node node, SystemUnderTest system, List<LoadPhase> load) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "a name for the chaos action", SystemValues::name);
        ChaosSpec.Action action = f.requiredScalar("action", "kill, pause, stop or start", ChaosRules::action);
        Timing timing = timing(f, system, load);
        Target target = target(f, system);
        String signal = f.scalar("signal", "TERM", ChaosRules::signal);
        ChaosSpec.Scope scope = f.scalar("scope", ChaosSpec.Scope.PROCESS, ChaosRules::scope);
        TargetChoice.Among among = f.scalar("among", TargetChoice.Among.MATCHES, TargetChoice::among);
        TargetChoice.Pick pick = f.scalar("pick", TargetChoice.Pick.FIRST, TargetChoice::pick);
        long count = f.count("count", 1);
        long max = f.count("max", Math.max(1, count));
        Duration duration = f.scalar("duration", null, Quantities::duration);
        Optional<List<String>> command = f.node("command").flatMap(c -> SystemValues.command(c, problems, false));
        Optional<List<String>> restore = f.node("restore").flatMap(c -> SystemValues.command(c, problems, false));
        // a recover block that could not be read stays null (its problems are reported), not "no probe"
        ChaosSpec.Recovery recover = f.has("recover") ? f.node("recover").map(this::recovery).orElse(null)
                : ChaosSpec.Recovery.NONE;
        boolean restart = f.bool("restart", false);
        boolean otherUsers = f.bool("allowOtherUsers", false);
        if (action != null) {
            ChaosRules.Draft draft = new ChaosRules.Draft(action, f.has("target") ? ChaosRules.Target.GROUP : ChaosRules.Target.NONE,
                    f.has("signal") ? signal : null, f.has("count") ? count : null, f.has("max") ? max : null, f.has("scope"),
                    f.has("among"), f.has("pick"), duration == null && f.has("duration") ? ChaosRules.UNREAD_DURATION : duration,
                    command.orElse(f.has("command") ? ChaosRules.UNREAD_COMMAND : null),
                    restore.orElse(f.has("restore") ? ChaosRules.UNREAD_COMMAND : null), probe(f, recover), restart, otherUsers);
            for (ChaosRules.Problem p : ChaosRules.check(draft, ChaosRules.Origin.SCENARIO, k -> "\"" + k + "\"")) {
                problems.add(at(f.node(), p.key()), p.message());
            }
            checkRestart(f, action, target);
        }
        ChaosSpec spec = name == null || action == null || timing == null || target == null || signal == null || scope == null
                || among == null || pick == null
                || recover == null || f.has("command") && command.isEmpty() || f.has("restore") && restore.isEmpty() ? null
                : new ChaosSpec(name, action, timing.at(), timing.when(), target.name, signal, scope, (int) count, (int) max,
                new TargetChoice(among, pick), duration, command.orElse(List.of()), restore.orElse(List.of()), recover, restart, otherUsers, node.location());
        f.finish();
        return spec;
    }

    /**
     * The recovery probe for the rules: its timeout and command as read; when the probe could not be read (it was
     * reported), its timeout is read again on its own so that its bounds are checked too.
     */
    private static ChaosRules.Probe probe(Fields f, ChaosSpec.Recovery recover) {
        if (!f.has("recover")) {
            return ChaosRules.Probe.NONE;
        }
        if (recover != null && recover.kind() != ChaosSpec.Recovery.Kind.NONE) {
            return new ChaosRules.Probe(true, recover.timeout(),
                    recover.kind() == ChaosSpec.Recovery.Kind.COMMAND ? recover.command() : null);
        }
        Node timeout = f.node().get("recover") instanceof MapNode map ? map.get("timeout") : null;
        try {
            return new ChaosRules.Probe(true, timeout instanceof ScalarNode s && !s.isNull() ? Quantities.duration(s.text()) : null, null);
        } catch (IllegalArgumentException e) {
            return new ChaosRules.Probe(true, null, null); // reported when the probe was read
        }
    }

    /** The node a rule's key ({@code count}, {@code recover.timeout}) names, or the nearest mapping that holds it. */
    private static Node at(MapNode node, String key) {
        Node here = node;
        for (String part : key.split("\\.")) {
            Node next = here instanceof MapNode map ? map.get(part) : null;
            if (next == null) {
                return here;
            }
            here = next;
        }
        return here;
    }

    /** When an action fires: an offset from the load start, or a condition. */
    private record Timing(Duration at, GateExpression when) {
    }

    private Timing timing(Fields f, SystemUnderTest system, List<LoadPhase> load) {
        Duration at = f.scalar("at", null, this::offset);
        GateExpression when = f.scalar("when", null, t -> condition(t, system, load));
        if (f.has("at") && f.has("when")) {
            problems.add(f.node(), "give either \"at\" (an offset from the load start) or \"when\" (a condition), not both");
        } else if (!f.has("at") && !f.has("when")) {
            problems.add(f.node(), "say when the action fires: at: 10s, or when: \"queue{name=default}.depth > 50\"");
        }
        return (at == null) == (when == null) ? null : new Timing(at, when);
    }

    /** The resolved target: a service, a process group, or none (stop and start run commands). */
    private record Target(String name, boolean service) {
        static final Target NONE = new Target(null, false);
    }

    private Target target(Fields f, SystemUnderTest system) {
        if (!f.has("target")) {
            return Target.NONE;
        }
        return f.scalar("target", null, t -> {
            if (system.service(t).isPresent()) {
                return new Target(t, true);
            }
            if (system.process(t).isPresent()) {
                return new Target(t, system.process(t).get().service() != null);
            }
            List<String> known = system.watchedNames();
            throw new IllegalArgumentException("chaos target \"" + t + "\" names no service or process group"
                    + SystemReader.suggestion(t, known) + (known.isEmpty() ? " (declare it under services or processes)"
                    : " (known: " + String.join(", ", known) + ")"));
        });
    }

    /** A restart needs a service the run started, not a process group it only watches. */
    private void checkRestart(Fields f, ChaosSpec.Action action, Target target) {
        if (action == ChaosSpec.Action.KILL && f.bool("restart", false) && target != null && target.name != null && !target.service) {
            problems.add(f.node().get("restart"), "restart needs a service the run started; \"" + target.name + "\" is a process group");
        }
    }

    private Duration offset(String text) {
        Duration d = Quantities.duration(text);
        if (d.compareTo(limits.maxDuration()) > 0) {
            throw new IllegalArgumentException("at " + text + " is later than the limit " + Quantities.format(limits.maxDuration()));
        }
        return d;
    }

    private GateExpression condition(String text, SystemUnderTest system, List<LoadPhase> load) {
        GateExpression expression = GateExpression.parse(text);
        MetricRef metric = expression.metric();
        if (!GateReader.LIVE_FAMILIES.contains(metric.family())) {
            throw new IllegalArgumentException("condition \"" + text + "\": " + metric.family()
                    + " is only known after the run; a condition can watch " + String.join(", ", SystemValues.sortedCopy(GateReader.LIVE_FAMILIES)));
        }
        Optional<String> unmeasured = GateReader.unmeasured(metric, load, system);
        if (unmeasured.isPresent()) {
            throw new IllegalArgumentException("condition \"" + text + "\": " + unmeasured.get());
        }
        return expression;
    }

    private ChaosSpec.Recovery recovery(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String kind = values.exactlyOne(f, PROBE_KINDS, "how to tell the system recovered: http: URL, tcp: HOST:PORT or command: [..]");
        String target = "";
        List<String> command = List.of();
        if ("http".equals(kind)) {
            target = f.scalar("http", null, t -> ChaosLimits.probeUrl(t).toString());
        } else if ("tcp".equals(kind)) {
            target = f.scalar("tcp", null, ChaosLimits::probeHostPort);
        } else if ("command".equals(kind)) {
            command = f.node("command").flatMap(c -> SystemValues.command(c, problems, false)).orElse(null);
        }
        Duration timeout = f.scalar("timeout", Duration.ofSeconds(60), Quantities::duration);
        Duration interval = f.scalar("interval", Duration.ofMillis(200), SystemReader::interval);
        f.finish();
        if (kind == null || target == null || command == null || timeout == null || interval == null) {
            return null;
        }
        return new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), target, command,
                timeout, interval);
    }
}
