package io.stressgate.engine.step;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.TargetChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Decides what a {@code chaosKill} call means for the build: SUCCESS only when the CLI exited 0, its event agrees
 * (done, or a dry run when one was asked for), and the restore and the recovery probe, when given, both happened.
 * A refusal by a safety rule, a failure, a disagreement or a missing event is FAILURE.
 */
public final class ChaosJudge {
    static final int MAX_LISTED = 20;

    public StepOutcome judge(ChaosKillArgs args, int exitCode, Received<ChaosEvent> read) {
        if (!read.ok()) {
            return StepOutcome.failure("chaosKill: no usable event, so the action counts as FAILED. " + read.problem()
                    + " (the CLI exited with " + ExitCodes.meaning(exitCode) + ")", List.of());
        }
        ChaosEvent event = read.value();
        List<String> details = details(event);
        String what = "chaosKill " + args.action() + ": ";
        String message = event.message() == null ? "" : ": " + DisplayText.clamp(event.message(), 500);
        int expected = switch (event.outcome()) {
            case DONE, DRY_RUN -> ExitCodes.PASSED;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED -> ExitCodes.FAILED;
        };
        if (exitCode != expected) {
            return StepOutcome.failure(what + "the CLI exited with " + ExitCodes.meaning(exitCode) + " but its event says "
                    + event.outcome() + "; an event that disagrees is not trusted, so FAILED", details);
        }
        if (args.target() != null && !choiceAgrees(args.choice(), event)) {
            return StepOutcome.failure(what + "the event says among " + event.among() + ", pick " + event.pick() + " but "
                    + args.choice().describe() + " was asked; an event that disagrees is not trusted, so FAILED", details);
        }
        ChaosEvent.Outcome wanted = args.dryRun() ? ChaosEvent.Outcome.DRY_RUN : ChaosEvent.Outcome.DONE;
        return switch (event.outcome()) {
            case REFUSED -> StepOutcome.failure(what + "refused by a safety rule, no signal was sent" + message, details);
            case FAILED -> StepOutcome.failure(what + "failed" + message, details);
            case DONE, DRY_RUN -> event.outcome() != wanted
                    ? StepOutcome.failure(what + (args.dryRun() ? "a dry run was asked for but the action was executed"
                            : "the action was not executed (the CLI did a dry run)"), details)
                    : aftermath(args, event, what, details);
        };
    }

    /** The failure of a chaos action the step lost sight of because Jenkins restarted. */
    public static String notResumable(String stateDir) {
        return "chaosKill: Jenkins restarted during the action, and the step cannot re-attach to it, so it counts as FAILED. "
                + "A stopped target is restored from the ledger in " + DisplayText.clamp(stateDir, 500)
                + " the next time stressgate chaos runs on this agent.";
    }

    private static StepOutcome aftermath(ChaosKillArgs args, ChaosEvent event, String what, List<String> details) {
        if (event.outcome() == ChaosEvent.Outcome.DONE) {
            if (args.restore() != null && event.restoredAfterMs() == null) {
                return StepOutcome.failure(what + "the restore command did not bring the target back", details);
            }
            if (args.recover() != null && event.recoveredAfterMs() == null) {
                return StepOutcome.failure(what + "the system did not recover within the limit", details);
            }
            if (args.target() != null && event.targets().isEmpty()) {
                return StepOutcome.failure(what + "the CLI reports success but names no target", details);
            }
        }
        return StepOutcome.success(details);
    }

    /** An event without a choice comes from a CLI that only knew the default; otherwise it must be the one asked for. */
    private static boolean choiceAgrees(TargetChoice asked, ChaosEvent event) {
        if (event.among() == null && event.pick() == null) {
            return asked.equals(TargetChoice.DEFAULT);
        }
        return TargetChoice.name(asked.among()).equals(event.among()) && TargetChoice.name(asked.pick()).equals(event.pick());
    }

    private static List<String> details(ChaosEvent event) {
        List<String> out = new ArrayList<>();
        out.add(DisplayText.clamp(event.outcome() + " " + event.action() + " " + (event.signal() == null ? "" : event.signal())
                + " on " + event.targets().size() + (event.targets().size() == 1 ? " process" : " processes"), 300));
        if (event.among() != null || event.pick() != null) {
            out.add(DisplayText.clamp("chosen among " + event.among() + ", pick " + event.pick(), 100));
        }
        for (int i = 0; i < Math.min(MAX_LISTED, event.targets().size()); i++) {
            ChaosEvent.Target t = event.targets().get(i);
            out.add(DisplayText.clamp("  pid " + t.pid() + " (" + t.user() + "): " + t.command(), 300));
        }
        if (event.recoveredAfterMs() != null) {
            out.add("recovered after " + event.recoveredAfterMs() + " ms");
        }
        if (event.restoredAfterMs() != null) {
            out.add("restored after " + event.restoredAfterMs() + " ms");
        }
        return out;
    }

    /** The value {@code chaosKill} returns to the Pipeline script: strings, numbers and booleans only. */
    public static LinkedHashMap<String, Object> stepResult(ChaosEvent event, boolean dryRun) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", event.outcome().name());
        out.put("targets", event.targets().size());
        StringBuilder pids = new StringBuilder();
        for (ChaosEvent.Target t : event.targets()) {
            pids.append(pids.length() == 0 ? "" : ",").append(t.pid());
        }
        out.put("pids", DisplayText.clamp(pids.toString(), 2000));
        if (event.recoveredAfterMs() != null) {
            out.put("recoveredAfterMs", event.recoveredAfterMs());
        }
        if (event.restoredAfterMs() != null) {
            out.put("restoredAfterMs", event.restoredAfterMs());
        }
        if (event.message() != null) {
            out.put("message", DisplayText.clamp(event.message(), 500));
        }
        out.put("dryRun", dryRun);
        return out;
    }
}
