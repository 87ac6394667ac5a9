package io.stressgate.engine.step;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The validated arguments of {@code chaosKill}: one target selector, the signal, how many matches to act on and the
 * most that may match, the scope of the signal, an optional pause (SIGSTOP, then SIGCONT after the pause), a restore
 * command, a recovery probe and its time limit, and whether this is a dry run.
 */
public record ChaosKillArgs(ChaosTarget target, Signal signal, int count, int max, Scope scope, Duration pauseFor,
                            List<String> restore, RecoverProbe recover, Duration recoverTimeout, boolean dryRun) {
    static final Duration MAX_PAUSE = Duration.ofHours(1);
    static final Duration MAX_RECOVER = Duration.ofHours(1);

    /** The signals a chaos action may send. */
    public enum Signal { TERM, KILL, INT, HUP, STOP, CONT }

    /** Which processes a signal reaches: the process, its process group, or its whole tree. */
    public enum Scope { PROCESS, GROUP, TREE }

    public ChaosKillArgs {
        restore = restore == null ? null : List.copyOf(restore);
    }

    /** The arguments as the Pipeline script gave them; every field may be null. */
    public record Input(Long pid, String pidFile, String name, String cmdline, Integer port, String signal, Integer count,
                        Integer max, String scope, String pauseFor, List<?> restore, String recoverHttp,
                        String recoverTcp, List<?> recoverCommand, String recoverTimeout, Boolean dryRun) {
    }

    /** Validates everything and reports every problem at once. */
    public static ChaosKillArgs of(Input in) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("chaosKill");
        ChaosTarget target = ChaosTarget.parse(in.pid(), in.pidFile(), in.name(), in.cmdline(), in.port(), problems);
        Signal signal = in.signal() == null ? null : signal(in.signal(), problems);
        int count = problems.count("count", in.count(), 1, 1, 1000);
        int max = problems.count("max", in.max(), Math.max(1, count), 1, 1000);
        if (count > max) {
            problems.add("count", count + " is more than max " + max + "; max is the most processes that may match");
        }
        Scope scope = scope(in.scope(), problems);
        Duration pauseFor = problems.duration("pauseFor", in.pauseFor(), Duration.ofMillis(1), MAX_PAUSE);
        if (in.pauseFor() != null && signal != null && signal != Signal.STOP) {
            problems.add("signal", "pauseFor stops the target with STOP and continues it afterwards; leave signal out or use STOP");
        }
        List<String> restore = in.restore() == null ? null : CommandList.parse("restore", in.restore(), problems);
        RecoverProbe recover = RecoverProbe.parse(in.recoverHttp(), in.recoverTcp(), in.recoverCommand(), problems);
        Duration recoverTimeout = problems.duration("recoverTimeout", in.recoverTimeout(), Duration.ofMillis(100), MAX_RECOVER);
        if (in.recoverTimeout() != null && in.recoverHttp() == null && in.recoverTcp() == null && in.recoverCommand() == null) {
            problems.add("recoverTimeout", "is given without a probe; add recoverHttp, recoverTcp or recoverCommand");
        }
        problems.throwIfAny();
        Signal sent = pauseFor != null ? Signal.STOP : signal == null ? Signal.TERM : signal;
        return new ChaosKillArgs(target, sent, count, max, scope, pauseFor, restore, recover, recoverTimeout,
                Boolean.TRUE.equals(in.dryRun()));
    }

    /** The CLI action: {@code pause} when a pause is given, otherwise {@code kill}. */
    public String action() {
        return pauseFor == null ? "kill" : "pause";
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
