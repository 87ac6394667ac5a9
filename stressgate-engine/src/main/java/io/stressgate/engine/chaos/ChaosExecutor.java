package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.process.SignalSender;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.TargetChoice;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Executes one chaos action and says what happened as a {@link ChaosEvent}: kill and pause here, stop and start
 * through {@link CommandActions}. Nothing is sent before the {@link ChaosGuard} agreed; a dry run stops there. A
 * pause owes its CONT through the ledger before STOP is sent, and sends it even when interrupted.
 */
public final class ChaosExecutor {
    private final ChaosContext context;
    private final CommandActions commands;

    public ChaosExecutor(ChaosContext context) {
        this.context = context;
        this.commands = new CommandActions(context);
    }

    /** Milliseconds from the event origin to {@code nanos} (a {@link System#nanoTime()} value). */
    public long ms(long nanos) {
        return context.ms(nanos);
    }

    /** The stop and start actions, and the stops still waiting for their restore. */
    public CommandActions commands() {
        return commands;
    }

    /**
     * Executes the order. {@code targets} selects the processes when the action fires (kill, pause); {@code trigger}
     * says why it fires, for the report.
     */
    public ChaosEvent execute(ChaosOrder order, Supplier<Selection> targets, String trigger) throws InterruptedException {
        return switch (order.action()) {
            case KILL, PAUSE -> signal(order, targets, trigger);
            case STOP -> commands.stop(order, trigger);
            case START -> commands.start(order, trigger);
        };
    }

    private ChaosEvent signal(ChaosOrder order, Supplier<Selection> targets, String trigger) throws InterruptedException {
        long at = System.nanoTime();
        Selection selection = targets.get();
        ChaosGuard.Plan plan;
        try {
            plan = context.guard().check(selection, order);
        } catch (ChaosRefusal refusal) {
            context.audit().write("refused", order.name(), refusal.getMessage());
            return context.event(order, trigger, at, ChaosContext.targets(selection.matches()), ChaosEvent.Outcome.REFUSED,
                    refusal.getMessage(), null, null);
        }
        List<ChaosEvent.Target> aimed = ChaosContext.targets(plan.chosen());
        String reach = describeReach(order, plan);
        if (order.dryRun()) {
            return context.event(order, trigger, at, aimed, ChaosEvent.Outcome.DRY_RUN, "dry run: would send " + order.signal()
                    + " to " + reach + "; nothing was sent", null, null);
        }
        plan.overrides().forEach(o -> context.audit().write("other-user-override", order.name(), o));
        context.audit().write(order.action().name().toLowerCase(Locale.ROOT), order.name(), order.signal() + " to " + reach
                + (order.choice().equals(TargetChoice.DEFAULT) ? " (chosen " + order.choice().describe() + ")" : ""));
        return order.action() == ChaosSpec.Action.PAUSE ? pause(order, trigger, at, plan, aimed, reach)
                : kill(order, trigger, at, plan, aimed, reach);
    }

    private ChaosEvent kill(ChaosOrder order, String trigger, long at, ChaosGuard.Plan plan, List<ChaosEvent.Target> aimed,
                            String reach) throws InterruptedException {
        List<SignalSender.Sent> sent = send(order, plan, order.signal());
        List<String> notes = new ArrayList<>(failures(sent));
        boolean failed = !notes.isEmpty();
        if (order.restartService() && order.service() != null && context.services() != null) {
            notes.addAll(restart(order.service(), plan.chosen()));
        }
        Long recovered = context.awaitRecovery(order.recovery(), at);
        String unrecovered = context.unrecovered(order.recovery(), recovered);
        if (unrecovered != null) {
            failed |= !Thread.currentThread().isInterrupted();
            notes.add(unrecovered);
        }
        String message = "sent " + order.signal() + " to " + reach + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return context.event(order, trigger, at, aimed, failed ? ChaosEvent.Outcome.FAILED : ChaosEvent.Outcome.DONE, message,
                recovered, null);
    }

    private ChaosEvent pause(ChaosOrder order, String trigger, long at, ChaosGuard.Plan plan, List<ChaosEvent.Target> aimed,
                             String reach) throws InterruptedException {
        List<ProcessKey> keys = plan.reached().stream().map(ProcessInfo::key).toList();
        LedgerEntry owed;
        try {
            owed = context.ledger().recordPause(order.name(), keys);
        } catch (IOException e) {
            return context.event(order, trigger, at, aimed, ChaosEvent.Outcome.FAILED, "the CONT owed could not be recorded in the"
                    + " ledger, so nothing was stopped: " + e.getMessage(), null, null);
        }
        List<SignalSender.Sent> stops = send(order, plan, Signal.STOP);
        List<String> notes = new ArrayList<>(failures(stops));
        boolean stoppedAny = stops.stream().anyMatch(sent -> sent.outcome() == SignalSender.Outcome.SENT);
        boolean interrupted = false;
        try {
            // Nothing stopped (every pid gone, reused or refused): there is nothing to hold, only the owed CONT to settle.
            Thread.sleep(stoppedAny ? Math.max(1, order.duration().toMillis()) : 0);
        } catch (InterruptedException e) {
            interrupted = true; // CONT must still go out: the flag is restored after it
        }
        Restorer.Restored cont = context.restorer().restore(owed);
        long restoredMs = (System.nanoTime() - at) / 1_000_000;
        if (!cont.ok() || !cont.reused().isEmpty()) {
            notes.add(cont.ok() ? String.join("; ", cont.reused()) : cont.message());
        }
        Long recovered = null;
        if (interrupted) {
            notes.add("cut short when chaos stopped");
            Thread.currentThread().interrupt();
        } else {
            recovered = context.awaitRecovery(order.recovery(), System.nanoTime());
        }
        String unrecovered = interrupted ? null : context.unrecovered(order.recovery(), recovered);
        if (unrecovered != null) {
            notes.add(unrecovered);
        }
        boolean failed = !failures(stops).isEmpty() || !cont.ok() || !cont.reused().isEmpty()
                || unrecovered != null && !Thread.currentThread().isInterrupted();
        String message = (stoppedAny ? "paused " + reach + " for " + Quantities.format(order.duration())
                : "paused nothing: no STOP reached " + reach) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return context.event(order, trigger, at, aimed, failed ? ChaosEvent.Outcome.FAILED : ChaosEvent.Outcome.DONE, message,
                recovered, restoredMs);
    }

    /** Sends a signal the way the scope says: to each chosen process, to their groups, or to every process of their trees. */
    private List<SignalSender.Sent> send(ChaosOrder order, ChaosGuard.Plan plan, Signal signal) {
        List<SignalSender.Sent> sent = new ArrayList<>();
        switch (order.scope()) {
            case PROCESS -> plan.chosen().forEach(p -> sent.add(context.sender().send(p.key(), signal)));
            case GROUP -> {
                for (long pgid : plan.groups()) {
                    ProcessInfo anchor = plan.chosen().stream().filter(p -> p.stat().pgid() == pgid).findFirst().orElseThrow();
                    sent.add(context.sender().sendGroup(anchor.key(), pgid, signal));
                }
            }
            case TREE -> plan.reached().forEach(p -> sent.add(context.sender().send(p.key(), signal)));
        }
        return sent;
    }

    private static List<String> failures(List<SignalSender.Sent> sent) {
        return sent.stream().filter(s -> s.outcome() == SignalSender.Outcome.FAILED || s.outcome() == SignalSender.Outcome.REUSED)
                .map(SignalSender.Sent::message).toList();
    }

    private List<String> restart(String service, List<ProcessInfo> killed) {
        List<String> notes = new ArrayList<>();
        for (ProcessInfo p : killed) {
            try {
                Optional<ProcessKey> again = context.services().restart(service, p.key(), Duration.ofSeconds(10));
                notes.add(again.map(k -> "restarted " + service + " as pid " + k.pid())
                        .orElse("pid " + p.pid() + " of " + service + " was not restarted (still running, or restarted already)"));
            } catch (IOException e) {
                notes.add("restarting " + service + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notes.add("restarting " + service + " was cut short: chaos stopped");
                break;
            }
        }
        return notes;
    }

    private static String describeReach(ChaosOrder order, ChaosGuard.Plan plan) {
        String pids = plan.chosen().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
        String reach = switch (order.scope()) {
            case PROCESS -> "pid " + pids;
            case GROUP -> "process group(s) " + plan.groups().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " (" + plan.reached().size() + " processes)";
            case TREE -> "the tree(s) of pid " + pids + " (" + plan.reached().size() + " processes)";
        };
        return order.choice().equals(TargetChoice.DEFAULT) ? reach : reach + " (chosen " + order.choice().describe() + ")";
    }
}
