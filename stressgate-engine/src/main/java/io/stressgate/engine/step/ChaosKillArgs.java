package io.stressgate.engine.step;

import io.stressgate.engine.process.Signal;
import io.stressgate.engine.scenario.ChaosRules;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The validated arguments of {@code chaosKill}. Either signals: one target selector, which of its matches are the
 * candidates and which of them are hit ({@code among}, {@code pick}), the signal, how many candidates to act on and
 * the most there may be, the scope, and an optional pause (STOP, then CONT after it). Or a stop: a
 * command that stops a service and the restore command that brings it back after {@code pauseFor} (recorded on disk
 * before the stop runs). Both may wait for a recovery probe, and both may be a dry run.
 */
public record ChaosKillArgs(ChaosTarget target, List<String> command, Signal signal, int count, int max, ChaosSpec.Scope scope,
                            TargetChoice choice, Duration pauseFor, List<String> restore, RecoverProbe recover,
                            Duration recoverTimeout, boolean dryRun) {
    /** Any duration that reads: the bounds are the rules' ({@link io.stressgate.engine.scenario.ChaosLimits}). */
    private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE);

    public ChaosKillArgs {
        command = command == null ? null : List.copyOf(command);
        restore = restore == null ? null : List.copyOf(restore);
    }

    /** The arguments as the Pipeline script gave them; every field may be null. */
    public record Input(Long pid, String pidFile, String name, String cmdline, Integer port, String signal, Integer count,
                        Integer max, String scope, String among, String pick, String pauseFor, List<?> command,
                        List<?> restore, String recoverHttp, String recoverTcp, List<?> recoverCommand, String recoverTimeout,
                        Boolean dryRun) {
        /** Arguments without {@code among} and {@code pick}: the first matches are hit. */
        public Input(Long pid, String pidFile, String name, String cmdline, Integer port, String signal, Integer count,
                     Integer max, String scope, String pauseFor, List<?> command, List<?> restore, String recoverHttp,
                     String recoverTcp, List<?> recoverCommand, String recoverTimeout, Boolean dryRun) {
            this(pid, pidFile, name, cmdline, port, signal, count, max, scope, null, null, pauseFor, command, restore,
                    recoverHttp, recoverTcp, recoverCommand, recoverTimeout, dryRun);
        }

        boolean selects() {
            return pid != null || pidFile != null || name != null || cmdline != null || port != null;
        }
    }

    /** The rules' keys as the step's parameters are named. */
    private static final Map<String, String> PARAMETERS = Map.of("target", "pid", "duration", "pauseFor",
            "recover.timeout", "recoverTimeout", "recover.command", "recoverCommand", "recover.http", "recoverHttp",
            "recover.tcp", "recoverTcp");

    /**
     * Validates everything and reports every problem at once: the step reads its arguments (the one target, the
     * workspace's pid file, the probe's URL), and {@link ChaosRules} checks the action as it checks a scenario's and the CLI's.
     */
    public static ChaosKillArgs of(Input in) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("chaosKill");
        boolean stop = in.command() != null;
        ChaosTarget target = stop && !in.selects() ? null
                : ChaosTarget.parse(in.pid(), in.pidFile(), in.name(), in.cmdline(), in.port(), problems);
        String signal = in.signal() == null ? null : word("signal", in.signal(), ChaosRules::signal, problems);
        ChaosSpec.Scope scope = in.scope() == null ? ChaosSpec.Scope.PROCESS : word("scope", in.scope(), ChaosRules::scope, problems);
        TargetChoice.Among among = in.among() == null ? TargetChoice.Among.MATCHES : word("among", in.among(), TargetChoice::among, problems);
        TargetChoice.Pick pick = in.pick() == null ? TargetChoice.Pick.FIRST : word("pick", in.pick(), TargetChoice::pick, problems);
        Duration pauseFor = problems.duration("pauseFor", in.pauseFor(), Duration.ZERO, UNBOUNDED);
        List<String> command = stop ? CommandList.parse("command", in.command(), problems) : null;
        List<String> restore = in.restore() == null ? null : CommandList.parse("restore", in.restore(), problems);
        RecoverProbe recover = RecoverProbe.parse(in.recoverHttp(), in.recoverTcp(), in.recoverCommand(), problems);
        Duration recoverTimeout = problems.duration("recoverTimeout", in.recoverTimeout(), Duration.ZERO, UNBOUNDED);
        ChaosSpec.Action action = stop ? ChaosSpec.Action.STOP : in.pauseFor() != null ? ChaosSpec.Action.PAUSE : ChaosSpec.Action.KILL;
        ChaosRules.Draft draft = new ChaosRules.Draft(action, new ChaosRules.Target(in.selects() || !stop, // ChaosTarget says when none is given
                in.name(), in.cmdline(), in.port() == null ? null : (long) in.port()), signal,
                in.count() == null ? null : (long) in.count(), in.max() == null ? null : (long) in.max(), in.scope() != null,
                in.among() != null, in.pick() != null, read(in.pauseFor(), pauseFor), stop ? given(command) : null,
                in.restore() == null ? null : given(restore), probe(in, recover, recoverTimeout), false, false);
        for (ChaosRules.Problem p : ChaosRules.check(draft, ChaosRules.Origin.STEP, ChaosKillArgs::parameter)) {
            problems.add(parameter(p.key()), p.message());
        }
        problems.throwIfAny();
        int count = in.count() == null ? 1 : in.count();
        int max = in.max() == null ? count : in.max();
        Signal sent = pauseFor != null ? Signal.STOP : Signal.parse(signal == null ? "TERM" : signal);
        return new ChaosKillArgs(target, command, stop ? null : sent, count, max, scope, new TargetChoice(among, pick), pauseFor,
                restore, recover, recoverTimeout, Boolean.TRUE.equals(in.dryRun()));
    }

    /** The probe for the rules: given when any probe parameter is, with its timeout and, for a command, its arguments. */
    private static ChaosRules.Probe probe(Input in, RecoverProbe recover, Duration timeout) {
        boolean given = in.recoverHttp() != null || in.recoverTcp() != null || in.recoverCommand() != null;
        return new ChaosRules.Probe(given, read(in.recoverTimeout(), timeout),
                recover instanceof RecoverProbe.Command c ? c.command() : null);
    }

    /** A duration for the rules: absent, as read, or (when it could not be read, and was reported) a stand-in. */
    private static Duration read(String text, Duration parsed) {
        return text == null ? null : parsed == null ? ChaosRules.UNREAD_DURATION : parsed;
    }

    private static String parameter(String key) {
        return PARAMETERS.getOrDefault(key, key);
    }

    /** A command list for the rules: a list that could not be read still counts as given (its problem is reported). */
    private static List<String> given(List<String> parsed) {
        return parsed == null ? ChaosRules.UNREAD_COMMAND : parsed;
    }

    /** The CLI action: {@code stop} with a command, {@code pause} with a pause, otherwise {@code kill}. */
    public String action() {
        return command != null ? "stop" : pauseFor != null ? "pause" : "kill";
    }

    /** One word parsed by the shared reader, its message under the parameter's name; null when it is not one. */
    private static <T> T word(String parameter, String text, Function<String, T> reader, ArgumentProblems problems) {
        try {
            return reader.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(parameter, DisplayText.clamp(e.getMessage(), 120));
            return null;
        }
    }
}
