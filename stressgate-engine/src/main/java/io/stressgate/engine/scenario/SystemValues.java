package io.stressgate.engine.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The values the system-under-test sections are written in: names, argument arrays, host:port pairs, signals,
 * regular expressions and Redis URLs. Converters throw {@link IllegalArgumentException} with the message a user
 * reads; {@link #command} reports through {@link Problems} because it reads a whole list.
 */
final class SystemValues {
    /** Names of services, process groups, queues and chaos actions: safe in file names, logs and labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._:-]{1,128}");
    static final int MAX_ARGS = 256;
    static final int MAX_ARG_LENGTH = 4096;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253}):(\\d{1,5})");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final int MAX_REGEX = 1000;

    private SystemValues() {
    }

    static String name(String text) {
        if (!NAME.matcher(text).matches() || text.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("name \"" + text + "\" must be 1 to 128 letters, digits or . _ : @ -"
                    + " (and not only dots)");
        }
        return text;
    }

    static String envName(String text) {
        if (!ENV_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("environment variable name \"" + text
                    + "\" must be a letter or _ followed by letters, digits or _ (at most 128)");
        }
        return text;
    }

    /** A free argument or value: any text but NUL, at most {@value #MAX_ARG_LENGTH} characters. */
    static String argument(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a process");
        }
        if (text.length() > MAX_ARG_LENGTH) {
            throw new IllegalArgumentException("value longer than " + MAX_ARG_LENGTH + " characters");
        }
        return text;
    }

    /** Reads {@code host:port} (IPv6 in brackets); the host is not resolved. */
    static String hostPort(String text) {
        Matcher m = HOST_PORT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port, e.g. 127.0.0.1:8000 or [::1]:8000");
        }
        port(m.group(2));
        return text.trim();
    }

    static int port(String text) {
        long port = Quantities.count(text);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + text + " must be between 1 and 65535");
        }
        return (int) port;
    }

    static Pattern regex(String text) {
        if (text.isEmpty() || text.length() > MAX_REGEX) {
            throw new IllegalArgumentException("a pattern must be 1 to " + MAX_REGEX + " characters");
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a regular expression: " + e.getDescription());
        }
    }

    /** A signal name as written ({@code TERM}, {@code SIGTERM}, {@code kill}), upper-cased without {@code SIG}. */
    static String signal(String text, Set<String> allowed) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        s = s.startsWith("SIG") ? s.substring(3) : s;
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException("signal \"" + text + "\" is not one of " + String.join(", ", sortedCopy(allowed)));
        }
        return s;
    }

    static String redisUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a redis:// or rediss:// URL with a host");
        }
        return text.trim();
    }

    /** Checks that the only placeholder in a value is {@code {{replica}}}, the one a service replaces. */
    static String replicaTemplate(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("replica")) {
                throw new IllegalArgumentException("placeholder {{" + m.group(1) + "}} is unknown here; only {{replica}}"
                        + " (the replica's number) is replaced in a service");
            }
        }
        return text;
    }

    /** Fills in {@code {{replica}}}. */
    static String forReplica(String text, int replica) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> m.group(1).equals("replica") ? String.valueOf(replica)
                : Matcher.quoteReplacement(m.group()));
    }

    /**
     * Reads an argument array. A single string is refused, because it would need a shell to split it; the message
     * says how to write it as a list. Returns empty after reporting when the value cannot be used.
     */
    static Optional<List<String>> command(Node node, Problems problems, boolean replicaPlaceholders) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            problems.add(node, "write the command as a list of arguments, e.g. [" + String.join(", ", splitHint(s.text()))
                    + "]: it runs without a shell, so each argument is its own item and nothing is split or expanded");
            return Optional.empty();
        }
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            problems.add(node, "a command is a non-empty list of arguments, e.g. [redis-cli, shutdown]");
            return Optional.empty();
        }
        if (list.items().size() > MAX_ARGS) {
            problems.add(node, list.items().size() + " arguments are more than the limit " + MAX_ARGS);
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        boolean complete = true;
        for (Node item : list.items()) {
            String arg = argument(item, problems, replicaPlaceholders);
            complete &= arg != null;
            argv.add(arg);
        }
        if (complete && argv.get(0).isBlank()) {
            problems.add(list.items().get(0), "the program to run (the first argument) is empty");
            complete = false;
        }
        return complete ? Optional.of(argv) : Optional.empty();
    }

    private static String argument(Node item, Problems problems, boolean replicaPlaceholders) {
        if (!(item instanceof ScalarNode s) || s.isNull()) {
            problems.add(item, "each argument must be a single value, found " + item.kind());
            return null;
        }
        if (!s.resolved()) {
            return null;
        }
        try {
            String arg = argument(s.text());
            return replicaPlaceholders ? replicaTemplate(arg) : arg;
        } catch (IllegalArgumentException e) {
            problems.add(item, e.getMessage());
            return null;
        }
    }

    private static List<String> splitHint(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty() && words.size() < 6) {
                words.add(word);
            }
        }
        return words;
    }

    static List<String> sortedCopy(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
