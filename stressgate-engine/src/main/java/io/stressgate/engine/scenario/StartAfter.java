package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * When a phase starts: {@code delay} after the end of phase {@code phase}, or {@code delay} after the run starts
 * when {@code phase} is null. Without {@code startAfter} a phase follows the one before it.
 */
public record StartAfter(String phase, Duration delay) {
    public static StartAfter runStart(Duration delay) {
        return new StartAfter(null, delay);
    }

    public static StartAfter endOf(String phase, Duration delay) {
        return new StartAfter(phase, delay);
    }
}
