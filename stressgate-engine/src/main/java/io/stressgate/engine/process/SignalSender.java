package io.stressgate.engine.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a signal to one process, or to a process group, only if the process is still the one that was selected:
 * its start time is read again immediately before sending. TERM and KILL to one process go through
 * {@link ProcessHandle} (which checks the start time once more itself); other signals and groups through
 * {@code kill -s SIGNAL -- PID} run as an argument array, never a shell.
 */
public final class SignalSender {
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final List<Path> KILL_BINARIES = List.of(Path.of("/bin/kill"), Path.of("/usr/bin/kill"));

    private final ProcFs proc;
    private final CommandRunner runner;

    public SignalSender(ProcFs proc, CommandRunner runner) {
        this.proc = proc;
        this.runner = runner;
    }

    /** What became of one signal. */
    public enum Outcome {
        SENT,
        /** The process exited before the signal: nothing was sent. */
        GONE,
        /** The pid now belongs to another process (its start time changed): nothing was sent. */
        REUSED,
        /** Sending failed (no permission, no kill program). */
        FAILED
    }

    /** The outcome for one target, with a message for reports. */
    public record Sent(ProcessKey target, Signal signal, Outcome outcome, String message) {
    }

    /** Sends {@code signal} to the process {@code key} names, if it is still that process. */
    public Sent send(ProcessKey key, Signal signal) {
        Optional<Sent> stale = stale(key, signal);
        if (stale.isPresent()) {
            return stale.get();
        }
        if (signal == Signal.TERM || signal == Signal.KILL) {
            Optional<ProcessHandle> handle = ProcessHandle.of(key.pid());
            if (handle.isEmpty()) {
                return new Sent(key, signal, Outcome.GONE, "process " + key.pid() + " exited before the signal");
            }
            boolean requested = signal == Signal.KILL ? handle.get().destroyForcibly() : handle.get().destroy();
            return requested ? new Sent(key, signal, Outcome.SENT, "sent " + signal + " to " + key.pid())
                    : new Sent(key, signal, Outcome.FAILED, "the system refused " + signal + " to " + key.pid());
        }
        return viaKill(key, signal, Long.toString(key.pid()));
    }

    /** Sends {@code signal} to process group {@code pgid}, if {@code member} is still alive and still in that group. */
    public Sent sendGroup(ProcessKey member, long pgid, Signal signal) {
        Optional<Sent> stale = stale(member, signal);
        if (stale.isPresent()) {
            return stale.get();
        }
        Optional<ProcStat> now = proc.stat(member.pid());
        if (now.isEmpty() || now.get().pgid() != pgid || pgid <= 1) {
            return new Sent(member, signal, Outcome.REUSED, "process " + member.pid() + " left process group " + pgid);
        }
        return viaKill(member, signal, "-" + pgid);
    }

    private Optional<Sent> stale(ProcessKey key, Signal signal) {
        Optional<ProcStat> now = proc.stat(key.pid());
        if (now.isEmpty()) {
            return Optional.of(new Sent(key, signal, Outcome.GONE, "process " + key.pid() + " exited before the signal"));
        }
        if (now.get().startTicks() != key.startTicks()) {
            return Optional.of(new Sent(key, signal, Outcome.REUSED, "pid " + key.pid() + " now belongs to another process"
                    + " (start time " + key.startTicks() + " became " + now.get().startTicks() + "); nothing was sent"));
        }
        return Optional.empty();
    }

    private Sent viaKill(ProcessKey key, Signal signal, String target) {
        Optional<Path> kill = KILL_BINARIES.stream().filter(Files::isExecutable).findFirst();
        if (kill.isEmpty()) {
            return new Sent(key, signal, Outcome.FAILED, "no kill program at " + KILL_BINARIES + " to send " + signal);
        }
        CommandRunner.Result result = runner.run(List.of(kill.get().toString(), "-s", signal.name(), "--", target),
                KILL_TIMEOUT, Map.of(), Set.of());
        return result.succeeded() ? new Sent(key, signal, Outcome.SENT, "sent " + signal + " to " + target)
                : new Sent(key, signal, Outcome.FAILED, "kill -s " + signal + " " + target + " " + result.describe());
    }
}
