package io.stressgate.engine.shard;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The agreed start of a sharded run ({@code --start-at}): an ISO-8601 instant that is neither in the past beyond
 * a small tolerance (a shard that starts late would run out of step with the others) nor more than an hour ahead
 * (a typo that would hold a build agent for days).
 */
public record StartTime(Instant at) {
    /** How far in the past an agreed start may be, for shards whose JVM took a moment to start. */
    public static final Duration PAST_TOLERANCE = Duration.ofSeconds(2);
    /** How far ahead an agreed start may be. */
    public static final Duration MAX_AHEAD = Duration.ofHours(1);
    /**
     * How long before the agreed start a shard gets ready: writing its stand-in outputs, services, samplers, the
     * generator's warm-up (at most 3 s) and its connections (at most 1 s) come before the instant, so the load itself
     * starts at it. A cold JVM on a busy 2-core machine (load average 17) took about 20 s for all that.
     */
    public static final Duration PREPARE = Duration.ofSeconds(30);

    /** Parses and checks {@code text} against {@code now}; the message of the exception names the value. */
    public static StartTime parse(String text, Instant now) {
        Instant at;
        try {
            at = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start time \"" + text + "\" is not an ISO-8601 instant such as 2026-12-04T16:05:00Z");
        }
        if (at.isBefore(now.minus(PAST_TOLERANCE))) {
            throw new IllegalArgumentException("start time " + at + " is " + Duration.between(at, now).toMillis()
                    + " ms in the past (now " + now + "); the tolerance is " + PAST_TOLERANCE.toMillis() + " ms");
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new IllegalArgumentException("start time " + at + " is more than " + MAX_AHEAD.toMinutes()
                    + " minutes ahead (now " + now + ")");
        }
        return new StartTime(at);
    }

    /** How long to wait from {@code now}; zero when the time has come. */
    public Duration remaining(Instant now) {
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** How long to wait from {@code now} before getting ready; zero when less than {@link #PREPARE} is left. */
    public Duration preparation(Instant now) {
        Duration d = Duration.between(now, at.minus(PREPARE));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** How late a run that started at {@code startedAt} was, in milliseconds (negative if early). */
    public long offsetMs(Instant startedAt) {
        return Duration.between(at, startedAt).toMillis();
    }
}
