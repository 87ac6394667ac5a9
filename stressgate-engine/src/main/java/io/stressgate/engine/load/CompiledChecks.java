package io.stressgate.engine.load;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.stressgate.engine.scenario.CheckSpec;
import io.stressgate.engine.scenario.CheckSpec.Kind;
import io.stressgate.engine.scenario.CheckSpec.Match;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks of one request, ready to run on each of its responses: patterns compiled, pointers parsed, the header
 * names the parser must keep, and where each check's passes and fails are counted. Only requests that declare checks
 * have one, so a request without checks pays nothing.
 */
final class CompiledChecks {
    /** True when a check reads a JSON value, so the body is parsed even when the status was unexpected. */
    final boolean json;
    /** The lower-case header names the parser keeps the first value of; null when no check reads a header. */
    final byte[][] headers;
    private final CheckSpec[] specs;
    private final int[] slots;
    private final Pattern[] patterns;
    private final JsonPointer[] pointers;
    private final byte[][] needles;
    private final int[] headerIndex;

    /** Compiles {@code specs}; {@code slots[i]} is where check i of this request's name is counted. */
    CompiledChecks(List<CheckSpec> specs, int[] slots) {
        this.specs = specs.toArray(CheckSpec[]::new);
        this.slots = slots.clone();
        int n = specs.size();
        patterns = new Pattern[n];
        pointers = new JsonPointer[n];
        needles = new byte[n][];
        headerIndex = new int[n];
        List<String> names = new ArrayList<>();
        boolean readsJson = false;
        for (int i = 0; i < n; i++) {
            CheckSpec c = specs.get(i);
            if (c.match() == Match.MATCHES) {
                patterns[i] = Pattern.compile(c.expected());
            }
            if (c.kind() == Kind.BODY && c.match() == Match.CONTAINS) {
                needles[i] = c.expected().getBytes(StandardCharsets.UTF_8);
            }
            if (c.kind() == Kind.JSON) {
                pointers[i] = JsonPointer.compile(c.subject());
                readsJson = true;
            }
            if (c.kind() == Kind.HEADER) {
                String lower = c.subject().toLowerCase(Locale.ROOT);
                if (!names.contains(lower)) {
                    names.add(lower);
                }
                headerIndex[i] = names.indexOf(lower);
            }
        }
        json = readsJson;
        headers = names.isEmpty() ? null : names.stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /**
     * Puts one response to every check and counts each outcome under request name {@code name}; {@code body} is the
     * parsed JSON body or null. Returns true when a check that fails its request failed.
     */
    boolean run(ResponseParser response, JsonNode body, StatsBook stats, int name) {
        boolean failRequest = false;
        for (int i = 0; i < specs.length; i++) {
            boolean passed = passes(i, response, body);
            stats.check(name, slots[i], passed);
            failRequest |= !passed && specs[i].failRequest();
        }
        return failRequest;
    }

    private boolean passes(int i, ResponseParser response, JsonNode body) {
        CheckSpec c = specs[i];
        return switch (c.kind()) {
            case STATUS -> c.statuses().contains(response.status());
            case SIZE -> response.bodyBytes() >= c.minBytes() && response.bodyBytes() <= c.maxBytes();
            case HEADER -> compare(i, response.header(headerIndex[i]));
            case JSON -> json(i, body == null ? null : body.at(pointers[i]));
            case BODY -> c.match() == Match.CONTAINS
                    ? contains(response.body(), (int) response.bodyBytes(), needles[i])
                    : patterns[i].matcher(new String(response.body(), 0, (int) response.bodyBytes(), StandardCharsets.UTF_8)).find();
        };
    }

    private boolean json(int i, JsonNode node) {
        boolean present = node != null && !node.isMissingNode() && !node.isNull();
        return switch (specs[i].match()) {
            case EXISTS -> present;
            case ABSENT -> !present;
            default -> compare(i, JsonValues.text(node));
        };
    }

    /** Compares a header value or JSON value (null when there is none) as the check says. */
    private boolean compare(int i, String value) {
        CheckSpec c = specs[i];
        return switch (c.match()) {
            case EXISTS -> value != null;
            case ABSENT -> value == null;
            case EQUALS -> c.expected().equals(value);
            case CONTAINS -> value != null && value.contains(c.expected());
            case MATCHES -> value != null && patterns[i].matcher(value).find();
            default -> false;
        };
    }

    /** True when {@code needle} occurs in the first {@code length} bytes of {@code body}. */
    static boolean contains(byte[] body, int length, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        int last = length - needle.length;
        outer:
        for (int at = 0; at <= last; at++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[at + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
