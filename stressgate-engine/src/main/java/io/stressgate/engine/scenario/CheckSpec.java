package io.stressgate.engine.scenario;

import java.util.Locale;

/**
 * One named assertion on every response of a request: its status, a header, the body, a value at a JSON pointer, or
 * the body's size. A failed check is counted; with {@code failRequest} it also makes the request an error.
 *
 * @param name        unique among the checks of one request name
 * @param kind        what part of the response it looks at
 * @param subject     the header name ({@link Kind#HEADER}) or JSON pointer ({@link Kind#JSON}); null otherwise
 * @param match       how the part is compared
 * @param expected    the text compared with, or the regular expression; null for presence tests
 * @param statuses    the statuses that pass ({@link Kind#STATUS}); null otherwise
 * @param minBytes    the smallest body that passes ({@link Kind#SIZE})
 * @param maxBytes    the largest body that passes ({@link Kind#SIZE})
 * @param failRequest true when a failed check makes the request an error (and ends its iteration)
 */
public record CheckSpec(String name, Kind kind, String subject, Match match, String expected, StatusSet statuses,
                        long minBytes, long maxBytes, boolean failRequest, Location location) {

    /** The part of a response a check reads. */
    public enum Kind { STATUS, HEADER, BODY, JSON, SIZE }

    /** How a check compares that part. */
    public enum Match { IN, EXISTS, ABSENT, EQUALS, CONTAINS, MATCHES, BETWEEN }

    /** True when the check needs the response body kept in memory (up to the request's size cap). */
    public boolean readsBody() {
        return kind == Kind.BODY || kind == Kind.JSON;
    }

    /** The condition as one line of text, for reports: {@code header X-Request-ID exists}. */
    public String condition() {
        String what = switch (kind) {
            case STATUS -> "status";
            case HEADER -> "header " + subject;
            case BODY -> "body";
            case JSON -> "json " + subject;
            case SIZE -> "size";
        };
        return switch (match) {
            case IN -> what + " in " + statuses;
            case EXISTS, ABSENT -> what + " " + match.name().toLowerCase(Locale.ROOT);
            case EQUALS, CONTAINS -> what + " " + match.name().toLowerCase(Locale.ROOT) + " \"" + expected + "\"";
            case MATCHES -> what + " matches /" + expected + "/";
            case BETWEEN -> what + " " + Quantities.formatBytes(minBytes) + " to "
                    + (maxBytes == Long.MAX_VALUE ? "any" : Quantities.formatBytes(maxBytes));
        };
    }
}
