package io.stressgate.engine.result;

import java.util.List;

/**
 * Where the load broke the system: the stepping-arrival-rate phase that looked, the last rate whose step held
 * ({@code rate}, null when the first step already broke), the rate whose step broke ({@code brokeAt}, null when none
 * did), why (the stop condition as written and the value it saw), the highest rate the phase would have tried, how
 * long each step lasted, and every step it ran.
 */
public record BreakingPoint(String phase, Outcome outcome, Double rate, Double brokeAt, String reason, double max,
                            long stepMs, List<BreakingStep> steps) {
    public BreakingPoint {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** How the search for the breaking point ended. */
    public enum Outcome {
        /** A stop condition held at the end of a step: {@code brokeAt} is that step's rate. */
        BROKE,
        /** Every step held up to the last: the breaking point is at least {@code rate}. */
        HELD_TO_MAX,
        /** The run stopped before the phase broke or reached its last step: nothing is known beyond {@code rate}. */
        CUT_SHORT
    }
}
