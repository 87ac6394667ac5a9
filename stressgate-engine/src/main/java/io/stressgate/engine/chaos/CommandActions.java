package io.stressgate.engine.chaos;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.Quantities;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The stop and start actions: commands run as argument arrays without the run and build cookies. A stop's restore
 * is recorded in the ledger and synced before the stop command runs. With a duration the restore follows after it
 * (even when interrupted); without one the stop is held until {@link #releaseHeld()}, when chaos stops.
 */
public final class CommandActions {
    private final ChaosContext context;
    private final List<Held> held = Collections.synchronizedList(new ArrayList<>());

    CommandActions(ChaosContext context) {
        this.context = context;
    }

    /** A stop waiting for its restore. */
    public record Held(ChaosOrder order, LedgerEntry entry, long stoppedNanos) {
    }

    /** How a held stop was restored: restore result, and milliseconds from the stop to the restore and to recovery. */
    public record Released(String name, boolean ok, String message, long restoredAfterMs, Long recoveredAfterMs) {
    }

    /** The restorer the actions use; the end of chaos restores what is still owed through it. */
    public Restorer restorer() {
        return context.restorer();
    }

    ChaosEvent stop(ChaosOrder order, String trigger) throws InterruptedException {
        long at = System.nanoTime();
        ChaosEvent refused = refusedOrDryRun(order, trigger, at, "would run " + order.command() + ", restore with " + order.restore());
        if (refused != null) {
            return refused;
        }
        LedgerEntry owed;
        try {
            owed = context.ledger().recordCommand(order.name(), order.restore(), context.workdir());
        } catch (IOException e) {
            return fail(order, trigger, at, "the restore could not be recorded in the ledger, so nothing was stopped: " + e.getMessage());
        }
        context.audit().write("stop", order.name(), "ran " + order.command() + "; restore recorded as " + owed.id());
        CommandRunner.Result stopped = run(order.command());
        if (!stopped.succeeded()) {
            Restorer.Restored restored = context.restorer().restore(owed);
            return context.event(order, trigger, at, List.of(), ChaosEvent.Outcome.FAILED, "stop command " + order.command() + " "
                    + stopped.describe() + "; restored at once: " + restored.message(), null, (System.nanoTime() - at) / 1_000_000);
        }
        if (order.duration() == null) {
            held.add(new Held(order, owed, at));
            return context.event(order, trigger, at, List.of(), ChaosEvent.Outcome.DONE, "ran " + order.command()
                    + "; the restore waits until chaos stops", null, null);
        }
        return holdThenRestore(order, trigger, at, owed);
    }

    private ChaosEvent holdThenRestore(ChaosOrder order, String trigger, long at, LedgerEntry owed) throws InterruptedException {
        boolean interrupted = false;
        try {
            Thread.sleep(Math.max(1, order.duration().toMillis()));
        } catch (InterruptedException e) {
            interrupted = true; // the restore must still run: the flag is restored after it
        }
        Released released = restoreAndProbe(order, owed, at, !interrupted);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        String message = "ran " + order.command() + " for " + Quantities.format(order.duration())
                + (interrupted ? " (cut short when chaos stopped)" : "") + "; " + released.message();
        return context.event(order, trigger, at, List.of(), released.ok() ? ChaosEvent.Outcome.DONE : ChaosEvent.Outcome.FAILED,
                message, released.recoveredAfterMs(), released.restoredAfterMs());
    }

    ChaosEvent start(ChaosOrder order, String trigger) throws InterruptedException {
        long at = System.nanoTime();
        ChaosEvent refused = refusedOrDryRun(order, trigger, at, "would run " + order.command());
        if (refused != null) {
            return refused;
        }
        context.audit().write("start", order.name(), "ran " + order.command());
        CommandRunner.Result result = run(order.command());
        if (!result.succeeded()) {
            return fail(order, trigger, at, "start command " + order.command() + " " + result.describe());
        }
        Long recovered = context.awaitRecovery(order.recovery(), at);
        String unrecovered = context.unrecovered(order.recovery(), recovered);
        boolean failed = unrecovered != null && !Thread.currentThread().isInterrupted();
        return context.event(order, trigger, at, List.of(), failed ? ChaosEvent.Outcome.FAILED : ChaosEvent.Outcome.DONE,
                "ran " + order.command() + (unrecovered == null ? "" : "; " + unrecovered), recovered, null);
    }

    /** Restores every held stop, probing recovery after each; what was not restored stays in the ledger. */
    public List<Released> releaseHeld() throws InterruptedException {
        List<Held> owed;
        synchronized (held) {
            owed = new ArrayList<>(held);
            held.clear();
        }
        List<Released> released = new ArrayList<>();
        for (Held h : owed) {
            released.add(restoreAndProbe(h.order(), h.entry(), h.stoppedNanos(), true));
        }
        return released;
    }

    private Released restoreAndProbe(ChaosOrder order, LedgerEntry owed, long stoppedNanos, boolean probe) throws InterruptedException {
        Restorer.Restored restored = context.restorer().restore(owed);
        long restoredAt = System.nanoTime();
        long restoredAfterMs = (restoredAt - stoppedNanos) / 1_000_000;
        if (!restored.ok()) {
            return new Released(order.name(), false, restored.message(), restoredAfterMs, null);
        }
        Long recovered = probe ? context.awaitRecovery(order.recovery(), restoredAt) : null;
        String unrecovered = probe ? context.unrecovered(order.recovery(), recovered) : null;
        boolean failed = unrecovered != null && !Thread.currentThread().isInterrupted();
        return new Released(order.name(), !failed, restored.message() + (unrecovered == null ? "" : "; " + unrecovered),
                restoredAfterMs, recovered);
    }

    private ChaosEvent refusedOrDryRun(ChaosOrder order, String trigger, long at, String wouldDo) {
        try {
            context.guard().checkSwitch();
        } catch (ChaosRefusal refusal) {
            context.audit().write("refused", order.name(), refusal.getMessage());
            return context.event(order, trigger, at, List.of(), ChaosEvent.Outcome.REFUSED, refusal.getMessage(), null, null);
        }
        if (order.dryRun()) {
            return context.event(order, trigger, at, List.of(), ChaosEvent.Outcome.DRY_RUN, "dry run: " + wouldDo
                    + "; nothing was run", null, null);
        }
        return null;
    }

    private ChaosEvent fail(ChaosOrder order, String trigger, long at, String message) {
        context.audit().write("failed", order.name(), message);
        return context.event(order, trigger, at, List.of(), ChaosEvent.Outcome.FAILED, message, null, null);
    }

    private CommandRunner.Result run(List<String> argv) {
        return context.runner().run(argv, context.commandTimeout(), Map.of(), CommandRunner.COOKIE_VARIABLES, context.workdir());
    }
}
