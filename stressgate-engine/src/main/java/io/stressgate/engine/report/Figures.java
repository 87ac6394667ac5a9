package io.stressgate.engine.report;

import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.scenario.Dimension;
import io.stressgate.engine.scenario.Quantities;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the reports show figures: durations, sizes, rates and shares through {@link Dimension#format} (the way gates
 * show them), counts with thousands separators like the hand-written reports, and "—" for what was not measured.
 */
final class Figures {
    /** Shown for a figure the run did not produce. */
    static final String NONE = "—";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share of a whole, to a hundredth of a percent: {@code 97.04%}. */
    static String share(long part, long whole) {
        return whole == 0 ? NONE : fraction(part / (double) whole);
    }

    static String fraction(double share) {
        return Dimension.FRACTION.format(Math.round(share * 10_000) / 10_000.0);
    }

    static String ms(double ms) {
        return ms == 0 ? "0ms" : Dimension.DURATION.format(ms);
    }

    static String ms(Long ms) {
        return ms == null ? NONE : ms(ms.doubleValue());
    }

    static String bytes(long bytes) {
        return Dimension.BYTES.format(bytes);
    }

    /** Events per second, to a hundredth: {@code 35.51/s}. */
    static String rate(double perSecond) {
        return Dimension.RATE.format(Math.round(perSecond * 100) / 100.0);
    }

    /** Percent of one core, to a tenth: {@code 87.5%}. */
    static String percent(double percent) {
        return Dimension.PERCENT.format(Math.round(percent * 10) / 10.0);
    }

    static String number(double value) {
        return Quantities.formatNumber(value);
    }

    static String instant(Instant instant) {
        return instant == null ? NONE : INSTANT.format(instant);
    }

    /** Seconds with millisecond precision and a dot, as JUnit XML wants them. */
    static String seconds(long ms) {
        return Quantities.formatNumber(ms / 1000.0);
    }

    /** A moment of the run as an offset from its start: {@code +1m30s}. */
    static String offset(long ms) {
        return "+" + ms(ms);
    }

    /** "p50 120ms · p95 1.2s · p99 2s · max 3.1s", or "—" when nothing was timed. */
    static String latency(LatencyMs l) {
        if (l == null) {
            return NONE;
        }
        return "p50 " + ms(l.p50()) + " · p95 " + ms(l.p95()) + " · p99 " + ms(l.p99()) + " · max " + ms(l.max());
    }
}
