package io.stressgate.engine.result;

import java.util.List;

/**
 * One chaos action as it happened: what, when (ms from run start), why (schedule or condition), against which
 * processes, the outcome, and how long the system took to recover (null when it did not within the limit).
 */
public record ChaosEvent(String name, String action, long atMs, String trigger, String signal, List<Target> targets,
                         Outcome outcome, String message, Long recoveredAfterMs, Long restoredAfterMs) {
    public ChaosEvent {
        targets = List.copyOf(targets);
    }

    /** A process an action was aimed at. */
    public record Target(long pid, String command, String user) {
    }

    /** How an action ended. */
    public enum Outcome { DONE, REFUSED, FAILED, DRY_RUN }
}
