package io.stressgate.engine.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
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

    /** The longest URL of an HTTP recovery probe. */
    public static final int MAX_URL = 2048;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._:+-]{1,128}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253}):([0-9]{1,5})");

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

    /**
     * Reads the URL of an HTTP recovery probe: http or https, with a host, no user or password, at most
     * {@value #MAX_URL} characters on one line. The message says what is wrong.
     */
    public static URI probeUrl(String text) {
        if (text.isBlank() || text.length() > MAX_URL || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a probe URL is 1 to " + MAX_URL + " characters on one line");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + shownUrl(text) + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("\"" + shownUrl(text) + "\" is not an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a probe URL carries no user or password (" + shownUrl(text) + ")");
        }
        return uri;
    }

    /** A URL for a message, a user and password in it masked: messages reach build logs. */
    private static String shownUrl(String text) {
        return shown(text.replaceFirst("//[^/?#]*@", "//***@"));
    }

    /** Reads the address of a TCP recovery probe: {@code HOST:PORT}, the host a name, an IPv4 or a bracketed IPv6 address. */
    public static String probeHostPort(String text) {
        Matcher m = HOST_PORT.matcher(text.trim());
        if (!m.matches() || port(Long.parseLong(m.group(2))) != null) {
            throw new IllegalArgumentException("\"" + shown(text) + "\" is not HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000");
        }
        return text.trim();
    }

    private static String shown(Duration value) {
        return value.isZero() ? "0s" : Quantities.format(value);
    }

    static String shown(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
