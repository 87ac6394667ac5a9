package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bounds of a chaos action's values, the same for a scenario's {@code chaos:}, {@code stressgate chaos} and the
 * {@code chaosKill} step: each check returns what is wrong with a value (without its key, which the caller spells),
 * or null when the value is fine.
 */
public final class ChaosLimits {
    /** The most processes an action may count or hit. */
    public static final int MAX_MATCHES = 1000;
    /** The longest a pause lasts or a stop waits for its restore. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    /** The shortest wait for a recovery probe: below it a probe gets one or two tries. */
    public static final Duration MIN_RECOVER_TIMEOUT = Duration.ofMillis(100);
    /** The longest wait for a recovery probe. */
    public static final Duration MAX_RECOVER_TIMEOUT = Duration.ofHours(1);
    /** The most arguments of a stop, restore or probe command. */
    public static final int MAX_ARGS = 64;
    /** The longest argument of a command. */
    public static final int MAX_ARG_LENGTH = 4096;
    /** The longest command-line pattern. */
    public static final int MAX_PATTERN = 512;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._:+-]{1,128}");

    private ChaosLimits() {
    }

    /** A count or max: 1 to {@value #MAX_MATCHES}. */
    static String matches(long value) {
        return value < 1 || value > MAX_MATCHES ? value + " must be between 1 and " + MAX_MATCHES : null;
    }

    /** How long a pause lasts or a stop waits: more than 0 and at most {@link #MAX_DURATION}. */
    static String duration(Duration value) {
        return value.isNegative() || value.isZero() || value.compareTo(MAX_DURATION) > 0
                ? shown(value) + " must be more than 0 and at most " + Quantities.format(MAX_DURATION) : null;
    }

    /** How long a recovery probe is tried. */
    static String recoverTimeout(Duration value) {
        return value.compareTo(MIN_RECOVER_TIMEOUT) < 0 || value.compareTo(MAX_RECOVER_TIMEOUT) > 0
                ? shown(value) + " must be between " + Quantities.format(MIN_RECOVER_TIMEOUT) + " and "
                + Quantities.format(MAX_RECOVER_TIMEOUT) : null;
    }

    /** An argument list run without a shell: 1 to {@value #MAX_ARGS} arguments, none with NUL, a program first. */
    static String command(List<String> argv) {
        if (argv.isEmpty() || argv.size() > MAX_ARGS) {
            return "has " + argv.size() + " arguments; a command has 1 to " + MAX_ARGS;
        }
        if (argv.get(0) == null || argv.get(0).isBlank()) {
            return "names no program (its first argument is empty)";
        }
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg == null || arg.indexOf('\0') >= 0 || arg.length() > MAX_ARG_LENGTH) {
                return "argument " + (i + 1) + " is missing, contains NUL or is longer than " + MAX_ARG_LENGTH + " characters";
            }
        }
        return null;
    }

    /** An executable's name: letters, digits and {@code @ . _ : + -}, at most 128; never a path or shell text. */
    static String name(String value) {
        return NAME.matcher(value).matches() ? null : "\"" + shown(value) + "\" is not an executable name (1 to 128 of "
                + "A-Z a-z 0-9 @ . _ : + -, no directory)";
    }

    /** A command-line pattern: a regular expression of at most {@value #MAX_PATTERN} characters, no control characters. */
    static String pattern(String value) {
        if (value.isBlank() || value.length() > MAX_PATTERN) {
            return "must be 1 to " + MAX_PATTERN + " characters, not " + value.strip().length();
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character (a newline, a tab, ...); a command line is matched as one line";
        }
        try {
            Pattern.compile(value);
            return null;
        } catch (PatternSyntaxException e) {
            return "\"" + shown(value) + "\" is not a regular expression: " + e.getDescription();
        }
    }

    /** A listening TCP port. */
    static String port(long value) {
        return value < 1 || value > 65_535 ? value + " is not a TCP port (1 to 65535)" : null;
    }

    private static String shown(Duration value) {
        return value.isZero() ? "0s" : Quantities.format(value);
    }

    static String shown(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
