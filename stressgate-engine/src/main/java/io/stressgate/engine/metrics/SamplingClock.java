package io.stressgate.engine.metrics;

import java.time.Duration;

/**
 * The shared sampling schedule: tick {@code k} is due {@code k} intervals after the run start, on the
 * {@link System#nanoTime()} time line, so both samplers' readings of one tick land in one row.
 */
public record SamplingClock(long startNanos, long intervalNanos) {
    public SamplingClock {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("sampling interval must be positive, was " + intervalNanos + " ns");
        }
    }

    public static SamplingClock startingNow(Duration interval) {
        return new SamplingClock(System.nanoTime(), interval.toNanos());
    }

    /** The last tick due at or before {@code nanos}. */
    public long tickAt(long nanos) {
        return Math.floorDiv(nanos - startNanos, intervalNanos);
    }

    public long nanosOf(long tick) {
        return startNanos + tick * intervalNanos;
    }

    /** Seconds from the run start to a tick, as the {@code t} column holds them. */
    public double secondsOf(long tick) {
        return Math.round(tick * (intervalNanos / 1e6)) / 1000.0;
    }

    public long millisAt(long nanos) {
        return Math.floorDiv(nanos - startNanos, 1_000_000L);
    }

    public long intervalMillis() {
        return Math.max(1, intervalNanos / 1_000_000L);
    }
}
