package io.stressgate.engine.step;

import io.stressgate.engine.scenario.ChaosRules;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated arguments of {@code chaosKill}. Either signals: one target selector, which of its matches are the
 * candidates and which of them are hit ({@code among}, {@code pick}), the signal, how many candidates to act on and
 * the most there may be, the scope, and an optional pause (STOP, then CONT after it). Or a stop: a
 * command that stops a service and the restore command that brings it back after {@code pauseFor} (recorded on disk
 * before the stop runs). Both may wait for a recovery probe, and both may be a dry run.
 */
public record ChaosKillArgs(ChaosTarget target, List<String> command, Signal signal, int count, int max, Scope scope,
                            TargetChoice choice, Duration pauseFor, List<String> restore, RecoverProbe recover,
                            Duration recoverTimeout, boolean dryRun) {
    static final Duration MAX_PAUSE = Duration.ofHours(1);
    static final Duration MAX_RECOVER = Duration.ofHours(1);

    /** The signals a chaos action may send. */
    public enum Signal { TERM, KILL, INT, HUP, STOP, CONT }

    /** Which processes a signal reaches: the process, its process group, or its whole tree. */
    public enum Scope { PROCESS, GROUP, TREE }

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
    private static final Map<String, String> PARAMETERS = Map.of("target", "pid", "duration", "pauseFor");

    /** Validates everything and reports every problem at once; the rules of the action are the scenario's and the CLI's. */
    public static ChaosKillArgs of(Input in) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("chaosKill");
        boolean stop = in.command() != null;
        ChaosTarget target = stop && !in.selects() ? null
                : ChaosTarget.parse(in.pid(), in.pidFile(), in.name(), in.cmdline(), in.port(), problems);
        Signal signal = in.signal() == null ? null : signal(in.signal(), problems);
        Scope scope = scope(in.scope(), problems);
        TargetChoice choice = choice(in, problems);
        Duration pauseFor = problems.duration("pauseFor", in.pauseFor(), Duration.ofMillis(1), MAX_PAUSE);
        List<String> command = stop ? CommandList.parse("command", in.command(), problems) : null;
        List<String> restore = in.restore() == null ? null : CommandList.parse("restore", in.restore(), problems);
        ChaosSpec.Action action = stop ? ChaosSpec.Action.STOP : in.pauseFor() != null ? ChaosSpec.Action.PAUSE : ChaosSpec.Action.KILL;
        ChaosRules.Draft draft = new ChaosRules.Draft(action, in.selects() || !stop, // ChaosTarget says when none is given
                signal == null ? null : signal.name(),
                in.count() == null ? null : (long) in.count(), in.max() == null ? null : (long) in.max(), in.scope() != null,
                in.among() != null, in.pick() != null, in.pauseFor() == null ? null : pauseFor == null ? Duration.ofMillis(1) : pauseFor,
                stop ? given(command) : null, in.restore() == null ? null : given(restore), false, false);
        for (ChaosRules.Problem p : ChaosRules.check(draft, ChaosRules.Origin.STEP, ChaosKillArgs::parameter)) {
            problems.add(parameter(p.key()), p.message());
        }
        RecoverProbe recover = RecoverProbe.parse(in.recoverHttp(), in.recoverTcp(), in.recoverCommand(), problems);
        Duration recoverTimeout = problems.duration("recoverTimeout", in.recoverTimeout(), Duration.ofMillis(100), MAX_RECOVER);
        if (in.recoverTimeout() != null && in.recoverHttp() == null && in.recoverTcp() == null && in.recoverCommand() == null) {
            problems.add("recoverTimeout", "is given without a probe; add recoverHttp, recoverTcp or recoverCommand");
        }
        problems.throwIfAny();
        int count = in.count() == null ? 1 : in.count();
        int max = in.max() == null ? count : in.max();
        Signal sent = pauseFor != null ? Signal.STOP : signal == null ? Signal.TERM : signal;
        return new ChaosKillArgs(target, command, stop ? null : sent, count, max, scope, choice, pauseFor, restore, recover,
                recoverTimeout, Boolean.TRUE.equals(in.dryRun()));
    }

    private static String parameter(String key) {
        return PARAMETERS.getOrDefault(key, key);
    }

    /** A command list for the rules: a list that could not be read still counts as given (its problem is reported). */
    private static List<String> given(List<String> parsed) {
        return parsed == null ? List.of("?") : parsed;
    }

    /** The CLI action: {@code stop} with a command, {@code pause} with a pause, otherwise {@code kill}. */
    public String action() {
        return command != null ? "stop" : pauseFor != null ? "pause" : "kill";
    }

    private static Signal signal(String text, ArgumentProblems problems) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        try {
            return Signal.valueOf(name);
        } catch (IllegalArgumentException e) {
            problems.add("signal", "\"" + DisplayText.clamp(text, 20) + "\" is not one of TERM, KILL, INT, HUP, STOP, CONT");
            return null;
        }
    }

    /** Which matches are hit: {@code among} matches, children or leaves; {@code pick} first, oldest, youngest, random or busy. */
    private static TargetChoice choice(Input in, ArgumentProblems problems) {
        TargetChoice.Among among = TargetChoice.Among.MATCHES;
        TargetChoice.Pick pick = TargetChoice.Pick.FIRST;
        try {
            among = in.among() == null ? among : TargetChoice.among(in.among());
        } catch (IllegalArgumentException e) {
            problems.add("among", DisplayText.clamp(e.getMessage(), 120));
        }
        try {
            pick = in.pick() == null ? pick : TargetChoice.pick(in.pick());
        } catch (IllegalArgumentException e) {
            problems.add("pick", DisplayText.clamp(e.getMessage(), 120));
        }
        return new TargetChoice(among, pick);
    }

    private static Scope scope(String text, ArgumentProblems problems) {
        if (text == null) {
            return Scope.PROCESS;
        }
        try {
            return Scope.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("scope", "\"" + DisplayText.clamp(text, 20) + "\" is not one of process, group, tree");
            return Scope.PROCESS;
        }
    }
}
