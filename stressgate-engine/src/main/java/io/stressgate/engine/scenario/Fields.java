package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the keys of one mapping. Every read reports its own problem and returns a fallback, so reading
 * goes on and all problems are found in one pass; {@link #finish()} reports the keys nobody asked for.
 */
final class Fields {
    private final MapNode node;
    private final Problems problems;
    private final Set<String> known = new HashSet<>();

    private Fields(MapNode node, Problems problems) {
        this.node = node;
        this.problems = problems;
    }

    /** Fields of a mapping, or null (after reporting) when the node is not a mapping. */
    static Fields of(Node node, Problems problems) {
        if (node instanceof MapNode map) {
            return new Fields(map, problems);
        }
        problems.add(node, "expected a mapping (key: value), found " + node.kind());
        return null;
    }

    MapNode node() {
        return node;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        known.add(key);
        Node value = node.get(key);
        return value != null && !(value instanceof ScalarNode s && s.isNull());
    }

    Optional<Node> node(String key) {
        known.add(key);
        Node value = node.get(key);
        if (value == null || value instanceof ScalarNode s && s.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Node required(String key, String what) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            problems.add(node, "\"" + key + "\" is required: " + what);
            return null;
        }
        return value.get();
    }

    /** Reads a scalar with a converter; the converter throws {@link IllegalArgumentException} with a message. */
    <T> T scalar(String key, T fallback, Function<String, T> converter) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return convert(value.get(), fallback, converter);
    }

    <T> T requiredScalar(String key, String what, Function<String, T> converter) {
        Node value = required(key, what);
        return value == null ? null : convert(value, null, converter);
    }

    <T> T convert(Node value, T fallback, Function<String, T> converter) {
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, "expected a single value, found " + value.kind());
            return fallback;
        }
        if (!scalar.resolved()) {
            return fallback; // the missing variable is already reported
        }
        try {
            return converter.apply(scalar.text());
        } catch (IllegalArgumentException e) {
            problems.add(value, e.getMessage());
            return fallback;
        }
    }

    String string(String key, String fallback) {
        return scalar(key, fallback, Function.identity());
    }

    Duration duration(String key, Duration fallback) {
        return scalar(key, fallback, Quantities::duration);
    }

    boolean bool(String key, boolean fallback) {
        return scalar(key, fallback, Fields::parseBool);
    }

    long count(String key, long fallback) {
        return scalar(key, fallback, Quantities::count);
    }

    /** Reads a list; a single value is taken as a list of one. */
    List<Node> list(String key) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof ListNode list) {
            return list.items();
        }
        return List.of(value.get());
    }

    /** Reports every key that was present but never read, suggesting the nearest known key. */
    void finish() {
        for (var entry : node.entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                String hint = nearest(entry.getKey(), known).map(k -> "; did you mean \"" + k + "\"?").orElse("");
                problems.add(node.keyLocation(entry.getKey()), entry.getValue().path(),
                        "unknown key \"" + entry.getKey() + "\"" + hint + " (known here: " + String.join(", ", sorted(known)) + ")");
            }
        }
    }

    /** Declares keys that are valid here but read elsewhere, so that {@link #finish()} accepts them. */
    void accept(String... keys) {
        known.addAll(List.of(keys));
    }

    static boolean parseBool(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not true or false");
        };
    }

    private static List<String> sorted(Collection<String> keys) {
        List<String> list = new ArrayList<>(keys);
        list.sort(null);
        return list;
    }

    static Optional<String> nearest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
