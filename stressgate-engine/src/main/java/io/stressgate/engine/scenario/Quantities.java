package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for the quantities scenarios and gates are written in: durations ({@code 1m30s}, {@code 250ms}),
 * sizes ({@code 10MB}, {@code 512KiB}), rates ({@code 2000/s}), percentages ({@code 1%}) and counts ({@code 10k}).
 */
public final class Quantities {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]i?[bB]|[bB])?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKM]?)\\s*(?:/|\\s+per\\s+)\\s*(\\d*)\\s*(ms|s|sec|second|m|min|minute|h|hour)");
    private static final Pattern COUNT = Pattern.compile("(\\d+)([kKM]?)");
    private static final double MAX_DURATION_NANOS = Duration.ofDays(365L * 100).getSeconds() * 1e9;

    private Quantities() {
    }

    /** Reads a duration such as {@code 10s}, {@code 1m30s}, {@code 1.5h} or {@code 250ms}; a unit is required. */
    public static Duration duration(String text) {
        String s = trimmed(text, "duration");
        if (NUMBER.matcher(s).matches()) {
            throw new QuantityException(text, "duration \"" + text + "\" has no unit; write for example " + s + "s or " + s + "ms");
        }
        Matcher m = DURATION_PART.matcher(s);
        int end = 0;
        double nanos = 0;
        while (m.find() && m.start() == end) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            end = m.end();
        }
        if (end != s.length() || end == 0) {
            throw new QuantityException(text, "\"" + text + "\" is not a duration; use a number with a unit (ns, us, ms, s, m, h, d), e.g. 500ms or 1m30s");
        }
        if (nanos > MAX_DURATION_NANOS) {
            throw new QuantityException(text, "duration \"" + text + "\" is too long to represent");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Reads a size in bytes: {@code 512}, {@code 100B}, {@code 10KB} (1000), {@code 10KiB} (1024), up to TiB. */
    public static long bytes(String text) {
        String s = trimmed(text, "size");
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new QuantityException(text, "\"" + text + "\" is not a size; write for example 512KiB, 10MB or 1GiB");
        }
        double value = Double.parseDouble(m.group(1)) * sizeMultiplier(m.group(2));
        if (value > Long.MAX_VALUE / 2) {
            throw new QuantityException(text, "size \"" + text + "\" is too large");
        }
        return Math.round(value);
    }

    /** Reads a rate such as {@code 2000/s}, {@code 2k/s}, {@code 120/m}, {@code 5 per second} or {@code 10/100ms}. */
    public static Rate rate(String text) {
        String s = trimmed(text, "rate");
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            throw new QuantityException(text, "\"" + text + "\" is not a rate; write for example 2000/s, 120/m or 10/100ms");
        }
        double count = Double.parseDouble(m.group(1)) * countMultiplier(m.group(2));
        long per = m.group(3).isEmpty() ? 1 : Long.parseLong(m.group(3));
        if (per == 0) {
            throw new QuantityException(text, "rate \"" + text + "\" divides by zero");
        }
        double perSecond = count * 1e9 / (per * rateUnitNanos(m.group(4)));
        return new Rate(perSecond);
    }

    /**
     * Reads a growth of memory in bytes per minute: a size, a slash and a time unit ({@code 10MB/min}, {@code 1GiB/h},
     * {@code 100KB/s}, {@code 5MB/m}); a growth may be negative only as {@code 0}.
     */
    public static double bytesPerMinute(String text) {
        String s = trimmed(text, "growth");
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            throw new QuantityException(text, "growth \"" + text + "\" has no time unit; write for example 10MB/min");
        }
        String unit = s.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
        double perMinute = switch (unit) {
            case "s", "sec", "second" -> 60;
            case "m", "min", "minute" -> 1;
            case "h", "hour" -> 1 / 60.0;
            default -> throw new QuantityException(text, "\"" + text + "\" is not a growth; the time unit must be s, min or h,"
                    + " e.g. 10MB/min");
        };
        return bytes(s.substring(0, slash)) * perMinute;
    }

    /** Reads a share: {@code 1%} is 0.01; a bare number such as {@code 0.01} is taken as a fraction. */
    public static double fraction(String text) {
        String s = trimmed(text, "percentage");
        boolean percent = s.endsWith("%");
        String number = percent ? s.substring(0, s.length() - 1).trim() : s;
        if (!NUMBER.matcher(number).matches()) {
            throw new QuantityException(text, "\"" + text + "\" is not a percentage; write for example 1% or 0.5%");
        }
        double value = Double.parseDouble(number);
        return percent ? value / 100.0 : value;
    }

    /** Reads a whole count such as {@code 1000}, {@code 10k} or {@code 2M}. */
    public static long count(String text) {
        String s = trimmed(text, "count");
        Matcher m = COUNT.matcher(s);
        if (!m.matches() || m.group(1).length() > 15) {
            throw new QuantityException(text, "\"" + text + "\" is not a whole number; write for example 100, 10k or 2M");
        }
        return Long.parseLong(m.group(1)) * (long) countMultiplier(m.group(2));
    }

    /** Reads a plain number such as {@code 42}, {@code -1.5} or {@code 1e3}. */
    public static double number(String text) {
        String s = trimmed(text, "number");
        if (!NUMBER.matcher(s).matches()) {
            throw new QuantityException(text, "\"" + text + "\" is not a number");
        }
        return Double.parseDouble(s);
    }

    /** Writes a duration the way a user would: {@code 250ms}, {@code 1.5s}, {@code 2m30s}, {@code 3h}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return formatNumber(nanos / 1e3) + "us";
        }
        if (nanos < 1_000_000_000) {
            return formatNumber(nanos / 1e6) + "ms";
        }
        if (nanos < 60_000_000_000L) {
            return formatNumber(nanos / 1e9) + "s";
        }
        long seconds = duration.getSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 86_400) {
            out.append(seconds / 86_400).append('d');
            seconds %= 86_400;
        }
        if (seconds >= 3_600) {
            out.append(seconds / 3_600).append('h');
            seconds %= 3_600;
        }
        if (seconds >= 60) {
            out.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }

    /** Writes a byte count with binary units: {@code 512B}, {@code 1.5KiB}, {@code 300MiB}. */
    public static String formatBytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return formatNumber(value) + units[unit];
    }

    /**
     * Writes a byte count in the decimal unit a limit was written in ({@code 412.3MB} beside {@code 400MB}), so a
     * value and its limit read alike; binary units otherwise.
     */
    public static String formatBytesLike(double bytes, String written) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*?([kKmMgGtT][bB])").matcher(written.trim());
        if (!m.matches()) {
            return formatBytes(bytes);
        }
        return formatNumber(Math.round(bytes / sizeMultiplier(m.group(1)) * 100) / 100.0) + m.group(1);
    }

    /** Writes a number with at most three decimals and no trailing zeros. */
    public static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = String.format(Locale.ROOT, "%.3f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String trimmed(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new QuantityException(String.valueOf(text), "empty " + what);
        }
        return text.trim();
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static double rateUnitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1e6;
            case "s", "sec", "second" -> 1e9;
            case "m", "min", "minute" -> 60e9;
            case "h", "hour" -> 3600e9;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static double sizeMultiplier(String unit) {
        if (unit == null || unit.equalsIgnoreCase("b")) {
            return 1;
        }
        boolean binary = unit.length() == 3;
        double base = binary ? 1024 : 1000;
        int power = switch (Character.toLowerCase(unit.charAt(0))) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> throw new IllegalStateException(unit);
        };
        return Math.pow(base, power);
    }

    private static double countMultiplier(String suffix) {
        return switch (suffix) {
            case "" -> 1;
            case "k", "K" -> 1_000;
            case "M" -> 1_000_000;
            default -> throw new IllegalStateException(suffix);
        };
    }
}
