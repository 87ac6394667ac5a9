package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One chaos action of a scenario: what to do, when (an offset from the load start, or the first time a condition
 * holds), to which processes (a service or process group by name, and which of its processes: {@code choice}), and
 * how to tell the system has recovered.
 * {@code duration} is how long a pause lasts, or how long a stop lasts before its restore runs (without it the
 * restore runs when chaos stops). For {@code stop}, {@code restore} is recorded in the on-disk ledger before
 * {@code command} runs, so an aborted run still restores. {@code allowOtherUsers} is the audited override of the
 * rule that refuses other users' processes.
 */
public record ChaosSpec(String name, Action action, Duration at, GateExpression when, String target, String signal,
                        Scope scope, int count, int max, TargetChoice choice, Duration duration, List<String> command,
                        List<String> restore, Recovery recover, boolean restartService, boolean allowOtherUsers,
                        Location location) {
    public ChaosSpec {
        java.util.Objects.requireNonNull(choice, "choice");
        command = List.copyOf(command);
        restore = List.copyOf(restore);
    }

    /** What the action does: signal processes, stop and continue them, or run a stop or start command. */
    public enum Action { KILL, PAUSE, STOP, START }

    /** Which processes a signal reaches: the selected ones, their process groups, or their whole trees. */
    public enum Scope { PROCESS, GROUP, TREE }

    /** How recovery is probed after the action: an HTTP URL answering 2xx, a TCP port accepting, or a command exiting 0. */
    public record Recovery(Kind kind, String target, List<String> command, Duration timeout, Duration interval) {
        public enum Kind { NONE, HTTP, TCP, COMMAND }

        public static final Recovery NONE = new Recovery(Kind.NONE, "", List.of(), Duration.ZERO, Duration.ZERO);

        public Recovery {
            command = List.copyOf(command);
        }
    }
}
