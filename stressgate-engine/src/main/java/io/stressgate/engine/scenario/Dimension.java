package io.stressgate.engine.scenario;

import java.time.Duration;

/** What a metric measures, which decides how its limits are written and its values shown. */
public enum Dimension {
    /** Milliseconds; limits need a time unit ({@code 500ms}, {@code 1s}). */
    DURATION,
    /** A whole count. */
    COUNT,
    /** Events per second; {@code 100} or {@code 100/s}. */
    RATE,
    /** A share between 0 and 1; {@code 1%} or {@code 0.01}. */
    FRACTION,
    /** Bytes; {@code 512MB}, {@code 1GiB}. */
    BYTES,
    /** Percent of one CPU core (may exceed 100); {@code 80%} or {@code 80}. */
    PERCENT,
    /** A plain number such as a load average. */
    NUMBER,
    /** Bytes per minute, a growth; {@code 10MB/min}, {@code 1GiB/h}, {@code 100KB/s}. */
    BYTES_PER_MINUTE;

    /** Reads a limit written for this dimension, in the unit values of this dimension are kept in. */
    public double parseLimit(String text) {
        String s = text.trim();
        return switch (this) {
            case DURATION -> Quantities.duration(s).toNanos() / 1e6;
            case COUNT -> Quantities.number(s);
            case RATE -> s.contains("/") || s.contains(" per ") ? Quantities.rate(s).perSecond() : Quantities.number(s);
            case FRACTION -> Quantities.fraction(s);
            case BYTES -> Quantities.bytes(s);
            case PERCENT -> s.endsWith("%") ? Quantities.number(s.substring(0, s.length() - 1)) : Quantities.number(s);
            case NUMBER -> Quantities.number(s);
            case BYTES_PER_MINUTE -> Quantities.bytesPerMinute(s);
        };
    }

    /** Shows a value of this dimension the way a user writes it. */
    public String format(double value) {
        return switch (this) {
            case DURATION -> Quantities.format(Duration.ofNanos(Math.round(value * 1e6)));
            case COUNT, NUMBER -> Quantities.formatNumber(value);
            case RATE -> Quantities.formatNumber(value) + "/s";
            case FRACTION -> Quantities.formatNumber(value * 100) + "%";
            case BYTES -> Quantities.formatBytes(value);
            case PERCENT -> Quantities.formatNumber(value) + "%";
            case BYTES_PER_MINUTE -> Quantities.formatBytes(Math.round(value)) + "/min";
        };
    }
}
