package io.stressgate.engine.chaos;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.Probe;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.process.SignalSender;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every chaos action needs: the guard, the signal sender, the ledger and its restorer, the command runner, the
 * service manager (absent outside a run), the audit log, the directory restores run in, and the time origin of
 * the events.
 */
public record ChaosContext(ProcFs proc, ChaosGuard guard, SignalSender sender, RestoreLedger ledger, Restorer restorer,
                           CommandRunner runner, ServiceManager services, AuditLog audit, Path workdir,
                           Duration commandTimeout, long originNanos) {

    /**
     * The context of this process: its ledger and audit log in {@code stateDir} (the kill switch read from
     * {@code environment} and that directory), temporary command output in {@code tempDir}.
     */
    public static ChaosContext forThisProcess(Path stateDir, Path tempDir, Map<String, String> environment, Path workdir,
                                              ServiceManager services, Clock clock, Duration commandTimeout, long originNanos) {
        ProcFs proc = ProcFs.system();
        long selfPid = ProcessHandle.current().pid();
        ProcessInfo self = proc.process(selfPid).orElseThrow(() -> new IllegalStateException("cannot read /proc/" + selfPid));
        CommandRunner runner = new CommandRunner(tempDir);
        SignalSender sender = new SignalSender(proc, runner);
        AuditLog audit = new AuditLog(stateDir, clock, selfPid);
        RestoreLedger ledger = new RestoreLedger(stateDir, clock, proc, self.key());
        Restorer restorer = new Restorer(ledger, runner, sender, audit, commandTimeout);
        ChaosGuard guard = new ChaosGuard(proc, new KillSwitch(environment, stateDir), selfPid, self.uid());
        return new ChaosContext(proc, guard, sender, ledger, restorer, runner, services, audit, workdir, commandTimeout, originNanos);
    }

    /** Milliseconds from the origin to {@code nanos}. */
    long ms(long nanos) {
        return (nanos - originNanos) / 1_000_000;
    }

    /** The probe a recovery check describes, or empty for none. */
    Optional<Probe> probe(ChaosSpec.Recovery recovery) {
        return switch (recovery.kind()) {
            case NONE -> Optional.empty();
            case TCP -> Optional.of(Probe.tcp(recovery.target()));
            case HTTP -> Optional.of(new Probe.Http(URI.create(recovery.target())));
            case COMMAND -> Optional.of(new Probe.Command(recovery.command(), runner));
        };
    }

    /**
     * Probes recovery; returns the milliseconds since {@code sinceNanos} until it held, or null when it did not in
     * time. Interrupted (chaos stops), it returns null at once and leaves the thread's interrupt flag set.
     */
    Long awaitRecovery(ChaosSpec.Recovery recovery, long sinceNanos) {
        Optional<Probe> probe = probe(recovery);
        if (probe.isEmpty() || Thread.currentThread().isInterrupted()) {
            return null;
        }
        try {
            Optional<Duration> took = Probe.await(probe.get(), recovery.timeout(), recovery.interval(), () -> true);
            return took.map(d -> (System.nanoTime() - sinceNanos) / 1_000_000).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Why recovery is not known, or null when it held: it timed out, or chaos stopped before it was probed. */
    String unrecovered(ChaosSpec.Recovery recovery, Long recovered) {
        if (recovery.kind() == ChaosSpec.Recovery.Kind.NONE || recovered != null) {
            return null;
        }
        if (Thread.currentThread().isInterrupted()) {
            return "recovery was not probed to the end: chaos stopped";
        }
        return "did not recover within " + io.stressgate.engine.scenario.Quantities.format(recovery.timeout()) + " ("
                + probe(recovery).map(Probe::describe).orElse("") + ")";
    }

    /** The targets of an event, with the user each runs as. */
    static List<ChaosEvent.Target> targets(List<ProcessInfo> processes) {
        return processes.stream().map(p -> new ChaosEvent.Target(p.pid(), p.commandLine(), user(p))).toList();
    }

    private static String user(ProcessInfo p) {
        return ProcessHandle.of(p.pid()).flatMap(h -> h.info().user()).orElse("uid " + p.uid());
    }

    /**
     * The event of an action that fired at {@code at} (nanos); the signal and the choice of processes are named for
     * kill and pause only, the probe whenever the action has one.
     */
    ChaosEvent event(ChaosOrder order, String trigger, long at, List<ChaosEvent.Target> targets, ChaosEvent.Outcome outcome,
                     String message, Long recovered, Long restored) {
        boolean signals = order.action() == ChaosSpec.Action.KILL || order.action() == ChaosSpec.Action.PAUSE;
        return new ChaosEvent(order.name(), order.action().name().toLowerCase(java.util.Locale.ROOT), ms(at), trigger,
                signals ? order.signal().name() : null, targets, outcome, message, recovered, restored,
                signals ? TargetChoice.name(order.choice().among()) : null, signals ? TargetChoice.name(order.choice().pick()) : null,
                probe(order.recovery()).map(Probe::describe).orElse(null));
    }
}
