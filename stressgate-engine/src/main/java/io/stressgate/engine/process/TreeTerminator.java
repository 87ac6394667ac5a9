package io.stressgate.engine.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ends a set of processes the way a supervisor does: one signal (TERM unless told otherwise) to each, parents first,
 * a grace period, then KILL for whatever is left. Every signal re-checks the start time, so a pid reused meanwhile
 * is never hit. Used to stop services and to reap orphans.
 */
public final class TreeTerminator {
    private static final long POLL_MILLIS = 50;

    private final ProcFs proc;
    private final SignalSender sender;

    public TreeTerminator(ProcFs proc, SignalSender sender) {
        this.proc = proc;
        this.sender = sender;
    }

    /** What became of the processes: gone after the first signal, gone only after KILL, or still there. */
    public record Termination(List<ProcessKey> exited, List<ProcessKey> killed, List<ProcessKey> survived,
                              List<SignalSender.Sent> signals) {
        public boolean clean() {
            return killed.isEmpty() && survived.isEmpty();
        }
    }

    /**
     * Signals {@code targets} (in the order given, parents first) and waits up to {@code grace}. Each of
     * {@code groups} is signalled as one process group instead of its members one by one (so none gets the signal
     * twice), anchored on the member {@code leader()} whose start time is checked first.
     */
    public Termination terminate(List<ProcessKey> targets, Signal signal, Duration grace, List<Group> groups)
            throws InterruptedException {
        List<SignalSender.Sent> signals = new ArrayList<>();
        Set<ProcessKey> viaGroup = new LinkedHashSet<>();
        for (Group g : groups) {
            SignalSender.Sent sent = sender.sendGroup(g.leader(), g.pgid(), signal);
            signals.add(sent);
            if (sent.outcome() == SignalSender.Outcome.SENT) {
                viaGroup.addAll(g.members());
            }
        }
        for (ProcessKey target : targets) {
            if (!viaGroup.contains(target)) {
                signals.add(sender.send(target, signal));
            }
        }
        List<ProcessKey> alive = waitForExit(targets, signal == Signal.KILL ? Duration.ofSeconds(5) : grace);
        List<ProcessKey> exited = new ArrayList<>(targets);
        exited.removeAll(alive);
        if (alive.isEmpty() || signal == Signal.KILL) {
            return new Termination(exited, List.of(), alive, signals);
        }
        for (ProcessKey target : alive) {
            signals.add(sender.send(target, Signal.KILL));
        }
        List<ProcessKey> survived = waitForExit(alive, Duration.ofSeconds(5));
        List<ProcessKey> killed = new ArrayList<>(alive);
        killed.removeAll(survived);
        return new Termination(exited, killed, survived, signals);
    }

    /** A process group to signal as one, anchored on a member whose identity is known. */
    public record Group(long pgid, ProcessKey leader, List<ProcessKey> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** Waits until none of the processes runs (a zombie has exited); returns those still running. */
    public List<ProcessKey> waitForExit(List<ProcessKey> targets, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long rounds = limit.toMillis() / POLL_MILLIS + 2;
        List<ProcessKey> alive = running(targets);
        for (long i = 0; i < rounds && !alive.isEmpty() && System.nanoTime() < deadline; i++) {
            Thread.sleep(POLL_MILLIS);
            alive = running(alive);
        }
        return alive;
    }

    private List<ProcessKey> running(List<ProcessKey> targets) {
        List<ProcessKey> alive = new ArrayList<>();
        for (ProcessKey key : targets) {
            Optional<ProcStat> now = proc.stat(key.pid());
            if (now.isPresent() && now.get().startTicks() == key.startTicks() && !now.get().zombie()) {
                alive.add(key);
            }
        }
        return alive;
    }
}
