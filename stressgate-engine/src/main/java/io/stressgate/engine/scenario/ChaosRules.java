package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one set of rules for a chaos action, wherever it is written: a scenario's {@code chaos:}, the flags of
 * {@code stressgate chaos}, the arguments of the {@code chaosKill} step, or the engine's own
 * {@code ChaosTool.Request}. Each front-end reads its own syntax into a {@link Draft} (a value it could not read is
 * reported by the front-end and stands in as given), and {@link #check} reports every broken rule at once, the bounds
 * of {@link ChaosLimits} included, under the keys as that front-end spells them.
 */
public final class ChaosRules {
    /** The most processes an action may count or hit. */
    public static final int MAX_MATCHES = ChaosLimits.MAX_MATCHES;
    /** The signals an action may send, without the SIG prefix. */
    public static final Set<String> SIGNALS = Set.of("TERM", "KILL", "INT", "HUP", "STOP", "CONT");
    /** Stands for a duration the front-end could not read (and reported): it counts as given and breaks no rule. */
    public static final Duration UNREAD_DURATION = Duration.ofSeconds(1);
    /** Stands for a command the front-end could not read (and reported): it counts as given and breaks no rule. */
    public static final List<String> UNREAD_COMMAND = List.of("?");

    private ChaosRules() {
    }

    /** Where the action is written: rules that differ (does a stop need a duration?) follow from it. */
    public enum Origin {
        /** In a scenario: a stop without a duration is restored when chaos ends with the run. */
        SCENARIO,
        /** {@code stressgate chaos}: a stop without a duration leaves its restore in the ledger for {@code chaos start}. */
        COMMAND_LINE,
        /** A pipeline step: nothing comes after it to restore a stop, so a stop needs its duration. */
        STEP
    }

    /**
     * An action as given, before the rules: {@code null} (or false) where a key was not given. Keys that only one
     * front-end has ({@code restart}; the selectors {@code name}, {@code cmdline}, {@code port}) are simply never given
     * by the others.
     */
    public record Draft(ChaosSpec.Action action, Target target, String signal, Long count, Long max, boolean scope,
                        boolean among, boolean pick, Duration duration, List<String> command, List<String> restore,
                        Probe recover, boolean restart, boolean allowOtherUsers) {
        public Draft {
            target = target == null ? Target.NONE : target;
            recover = recover == null ? Probe.NONE : recover;
        }
    }

    /**
     * The processes a kill or pause names, as given: a scenario names a service or process group (checked against the
     * system it declares); the command line and the step give selectors, whose values are checked here.
     */
    public record Target(boolean given, String name, String cmdline, Long port) {
        /** No target given. */
        public static final Target NONE = new Target(false, null, null, null);
        /** A service or process group by name, as a scenario gives it. */
        public static final Target GROUP = new Target(true, null, null, null);
    }

    /** The recovery probe as given: whether there is one, how long it is tried and, for a command probe, its arguments. */
    public record Probe(boolean given, Duration timeout, List<String> command) {
        /** No probe given. */
        public static final Probe NONE = new Probe(false, null, null);
    }

    /** One broken rule: the canonical key it is about (as a scenario spells it) and the message, keys spelled by the front-end. */
    public record Problem(String key, String message) {
    }

    /**
     * Every rule the draft breaks. {@code spell} turns a canonical key ({@code duration}, {@code count}, ...) into the
     * front-end's spelling of it ({@code --pause-for}, {@code pauseFor}, ...), used in every message.
     */
    public static List<Problem> check(Draft d, Origin origin, UnaryOperator<String> spell) {
        List<Problem> problems = new ArrayList<>();
        counts(d, spell, problems);
        target(d.target(), spell, problems);
        probe(d.recover(), spell, problems);
        if (d.action() == null) {
            return problems;
        }
        String verb = d.action().name().toLowerCase(Locale.ROOT);
        boolean signals = d.action() == ChaosSpec.Action.KILL || d.action() == ChaosSpec.Action.PAUSE;
        if (signals && !d.target().given()) {
            problems.add(new Problem("target", spell.apply("target") + " is required: the processes to " + verb));
        }
        if (!signals) {
            String why = "a " + verb + " runs a command; to hurt processes use kill or pause";
            notFor(problems, spell, verb, why, "target", d.target().given());
            notFor(problems, spell, verb, why, "scope", d.scope());
            notFor(problems, spell, verb, why, "count", d.count() != null);
            notFor(problems, spell, verb, why, "max", d.max() != null);
            notFor(problems, spell, verb, why, "among", d.among());
            notFor(problems, spell, verb, why, "pick", d.pick());
            notFor(problems, spell, verb, why, "allowOtherUsers", d.allowOtherUsers());
        }
        if (d.signal() != null && !SIGNALS.contains(d.signal())) {
            problems.add(new Problem("signal", spell.apply("signal") + " " + d.signal() + " is not one of TERM, KILL, INT, HUP, STOP, CONT"));
        } else if (d.action() == ChaosSpec.Action.PAUSE) {
            notFor(problems, spell, verb, "a pause sends STOP, then CONT after its " + spell.apply("duration"), "signal",
                    d.signal() != null && !"STOP".equals(d.signal()));
        } else if (d.action() != ChaosSpec.Action.KILL) {
            notFor(problems, spell, verb, "a " + verb + " sends no signal", "signal", d.signal() != null);
        }
        notFor(problems, spell, verb, "only a kill restarts the service it hit", "restart",
                d.restart() && d.action() != ChaosSpec.Action.KILL);
        durations(d, origin, spell, verb, problems);
        commands(d, origin, spell, verb, problems);
        return problems;
    }

    /** The problems as one line, for front-ends that report in one message. */
    public static String join(List<Problem> problems) {
        return String.join("; ", problems.stream().map(Problem::message).toList());
    }

    private static void counts(Draft d, UnaryOperator<String> spell, List<Problem> problems) {
        long count = d.count() == null ? 1 : d.count();
        long max = d.max() == null ? Math.max(1, count) : d.max();
        value(problems, spell, "count", ChaosLimits.matches(count));
        if (ChaosLimits.matches(max) != null && d.max() != null) {
            value(problems, spell, "max", ChaosLimits.matches(max));
        } else if (ChaosLimits.matches(count) == null && count > max) {
            problems.add(new Problem("count", spell.apply("count") + " " + count + " is more than " + spell.apply("max") + " "
                    + max + ": the action would be refused every time (raise " + spell.apply("max") + " to allow more matches)"));
        }
    }

    private static void target(Target t, UnaryOperator<String> spell, List<Problem> problems) {
        if (t.name() != null) {
            value(problems, spell, "name", ChaosLimits.name(t.name()));
        }
        if (t.cmdline() != null) {
            value(problems, spell, "cmdline", ChaosLimits.pattern(t.cmdline()));
        }
        if (t.port() != null) {
            value(problems, spell, "port", ChaosLimits.port(t.port()));
        }
    }

    private static void probe(Probe p, UnaryOperator<String> spell, List<Problem> problems) {
        if (p.timeout() != null && !p.given()) {
            problems.add(new Problem("recover.timeout", spell.apply("recover.timeout") + " is given without a probe; add "
                    + spell.apply("recover.http") + ", " + spell.apply("recover.tcp") + " or " + spell.apply("recover.command")));
        } else if (p.timeout() != null) {
            value(problems, spell, "recover.timeout", ChaosLimits.recoverTimeout(p.timeout()));
        }
        if (p.command() != null) {
            value(problems, spell, "recover.command", ChaosLimits.command(p.command()));
        }
    }

    /** Adds a value's problem, if it has one, under its key. */
    private static void value(List<Problem> problems, UnaryOperator<String> spell, String key, String problem) {
        if (problem != null) {
            problems.add(new Problem(key, spell.apply(key) + " " + problem));
        }
    }

    private static void durations(Draft d, Origin origin, UnaryOperator<String> spell, String verb, List<Problem> problems) {
        String duration = spell.apply("duration");
        boolean given = d.duration() != null;
        switch (d.action()) {
            case KILL -> notFor(problems, spell, verb, "a kill has no duration; pause stops processes for a while",
                    "duration", given);
            case PAUSE -> {
                if (!given) {
                    problems.add(new Problem("duration", duration + " is required: how long the paused processes stay stopped before CONT"));
                } else {
                    value(problems, spell, "duration", ChaosLimits.duration(d.duration()));
                }
            }
            case STOP -> {
                if (!given && origin == Origin.STEP) {
                    problems.add(new Problem("duration", duration + " is required with a stop: how long the service stays stopped "
                            + "before its restore runs (nothing after the step would restore it)"));
                } else if (given) {
                    value(problems, spell, "duration", ChaosLimits.duration(d.duration()));
                }
            }
            case START -> notFor(problems, spell, verb, "a start runs once", "duration", given);
        }
    }

    private static void commands(Draft d, Origin origin, UnaryOperator<String> spell, String verb, List<Problem> problems) {
        boolean command = d.command() != null && !d.command().isEmpty();
        boolean restore = d.restore() != null && !d.restore().isEmpty();
        boolean runs = d.action() == ChaosSpec.Action.STOP || d.action() == ChaosSpec.Action.START;
        if ((d.action() == ChaosSpec.Action.STOP || d.action() == ChaosSpec.Action.START && origin != Origin.COMMAND_LINE)
                && !command) {
            problems.add(new Problem("command", spell.apply("command") + " is required: the argument list that "
                    + (d.action() == ChaosSpec.Action.STOP ? "stops the service, e.g. [redis-cli, shutdown, nosave]" : "starts it")));
        } else if (runs && command) {
            value(problems, spell, "command", ChaosLimits.command(d.command()));
        } else {
            notFor(problems, spell, verb, "a " + verb + " sends signals; only stop and start run a command", "command", command);
        }
        if (d.action() == ChaosSpec.Action.STOP && !restore) {
            problems.add(new Problem("restore", spell.apply("restore") + " is required: the argument list that undoes the stop; "
                    + "it is recorded on disk before the stop runs, so even an aborted run restores"));
        } else if (d.action() == ChaosSpec.Action.STOP) {
            value(problems, spell, "restore", ChaosLimits.command(d.restore()));
        }
        notFor(problems, spell, verb, "only a stop is restored", "restore", restore && d.action() != ChaosSpec.Action.STOP);
    }

    private static void notFor(List<Problem> problems, UnaryOperator<String> spell, String verb, String why, String key, boolean given) {
        if (given) {
            problems.add(new Problem(key, spell.apply(key) + " does not apply to " + verb + ": " + why));
        }
    }

    /** Reads an action word: kill, pause, stop or start. */
    public static ChaosSpec.Action action(String text) {
        return word(text, ChaosSpec.Action.class);
    }

    /** Reads a scope word: process, group or tree. */
    public static ChaosSpec.Scope scope(String text) {
        return word(text, ChaosSpec.Scope.class);
    }

    /** Reads a signal: one of {@link #SIGNALS}, with or without SIG, any case. */
    public static String signal(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        if (!SIGNALS.contains(name)) {
            throw new IllegalArgumentException("\"" + shown(text) + "\" is not one of TERM, KILL, INT, HUP, STOP, CONT");
        }
        return name;
    }

    /** Reads one of an enum's values written in any case; the message lists them and suggests the nearest. */
    static <E extends Enum<E>> E word(String text, Class<E> type) {
        List<String> known = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            known.add(value.name().toLowerCase(Locale.ROOT));
            if (text != null && value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("\"" + shown(text) + "\" is not one of " + String.join(", ", known)
                + (text == null ? "" : SystemReader.suggestion(text.trim().toLowerCase(Locale.ROOT), known)));
    }

    private static String shown(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
