package io.stressgate.engine.result;

import java.util.List;

/**
 * One chaos action as it happened: what, when (ms from run start), why (schedule or condition), against which
 * processes (for a kill or pause, the ones {@code among} and {@code pick} chose), the outcome, the recovery probe
 * ({@code probe}, null when the action had none) and how long the system took to recover (null when it did not
 * within the limit, or was not probed).
 */
public record ChaosEvent(String name, String action, long atMs, String trigger, String signal, List<Target> targets,
                         Outcome outcome, String message, Long recoveredAfterMs, Long restoredAfterMs, String among,
                         String pick, String probe) {
    public ChaosEvent {
        targets = List.copyOf(targets);
    }

    /** An event that records no choice and no probe: a restore, or an event read from older results. */
    public ChaosEvent(String name, String action, long atMs, String trigger, String signal, List<Target> targets,
                      Outcome outcome, String message, Long recoveredAfterMs, Long restoredAfterMs) {
        this(name, action, atMs, trigger, signal, targets, outcome, message, recoveredAfterMs, restoredAfterMs, null, null, null);
    }

    /** What the recovery column says: the time, "no probe", "did not recover", or null when it does not apply. */
    public String recoveryText() {
        if (recoveredAfterMs != null) {
            return recoveredAfterMs + " ms";
        }
        if (outcome != Outcome.DONE && outcome != Outcome.FAILED) {
            return null;
        }
        return probe == null ? "no probe" : "did not recover";
    }

    /** A process an action was aimed at. */
    public record Target(long pid, String command, String user) {
    }

    /** How an action ended. */
    public enum Outcome { DONE, REFUSED, FAILED, DRY_RUN }
}
