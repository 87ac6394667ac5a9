package io.stressgate.engine.scenario;

import io.stressgate.engine.scenario.CheckSpec.Kind;
import io.stressgate.engine.scenario.CheckSpec.Match;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code checks} of a request: each a mapping with a {@code name}, exactly one kind key ({@code status},
 * {@code header}, {@code json}, {@code bodyContains}, {@code bodyMatches}, or {@code minSize}/{@code maxSize}), an
 * optional comparison for headers and JSON values, and {@code failRequest}.
 */
final class CheckReader {
    /** The most checks one request may declare: each costs time on every response. */
    static final int MAX_CHECKS = 32;
    private static final List<String> KINDS = List.of("status", "header", "json", "bodyContains", "bodyMatches", "minSize", "maxSize");
    private static final List<String> COMPARISONS = List.of("equals", "contains", "matches", "exists");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final int MAX_TEXT = 1024;

    private final Problems problems;
    private final RequestReader requests;

    CheckReader(Problems problems, RequestReader requests) {
        this.problems = problems;
        this.requests = requests;
    }

    /** Reads the list under {@code checks}; problems are reported and the faulty checks left out. */
    List<CheckSpec> read(List<Node> nodes, Node listNode) {
        List<CheckSpec> checks = new ArrayList<>();
        if (nodes.size() > MAX_CHECKS) {
            problems.add(listNode, nodes.size() + " checks are more than the limit of " + MAX_CHECKS + " per request");
            return checks;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Node node : nodes) {
            CheckSpec check = read(node);
            if (check == null) {
                continue;
            }
            if (!names.add(check.name())) {
                problems.add(node, "two checks of this request are named \"" + check.name() + "\"");
                continue;
            }
            checks.add(check);
        }
        return checks;
    }

    private CheckSpec read(Node node) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.requiredScalar("name", "the check's name, used in reports and gates (checks{name=...})", RequestReader::name);
        boolean failRequest = f.bool("failRequest", false);
        List<String> kinds = KINDS.stream().filter(f::has).toList();
        boolean size = kinds.contains("minSize") || kinds.contains("maxSize");
        int kindCount = kinds.size() - (kinds.contains("minSize") && kinds.contains("maxSize") ? 1 : 0);
        CheckSpec check = null;
        if (kindCount == 0) {
            problems.add(node, "a check needs one of status, header, json, bodyContains, bodyMatches, minSize/maxSize");
        } else if (kindCount > 1) {
            problems.add(node, "a check tests one thing; give only one of " + String.join(", ", kinds));
        } else if (size) {
            check = size(f, name, failRequest, node);
        } else {
            check = switch (kinds.get(0)) {
                case "status" -> status(f, name, failRequest, node);
                case "header" -> compared(f, Kind.HEADER, f.scalar("header", null, CheckReader::headerName), name, failRequest, node);
                case "json" -> compared(f, Kind.JSON, f.scalar("json", null, RequestReader::pointer), name, failRequest, node);
                case "bodyContains" -> body(Match.CONTAINS, f.scalar("bodyContains", null, CheckReader::text), name, failRequest, node);
                default -> body(Match.MATCHES, f.scalar("bodyMatches", null, CheckReader::regex), name, failRequest, node);
            };
        }
        boolean compares = kindCount == 1 && (kinds.get(0).equals("header") || kinds.get(0).equals("json"));
        for (String key : COMPARISONS) {
            if (f.has(key) && kindCount == 1 && !compares) {
                problems.add(f.node().get(key), "\"" + key + "\" compares a header or a JSON value, not "
                        + (size ? "the size" : kinds.get(0)));
            }
        }
        f.finish();
        return name == null ? null : check;
    }

    private CheckSpec status(Fields f, String name, boolean failRequest, Node node) {
        StatusSet statuses = requests.statuses(f.list("status"));
        return statuses == null ? null : new CheckSpec(name, Kind.STATUS, null, Match.IN, null, statuses, 0, 0, failRequest, node.location());
    }

    private CheckSpec body(Match match, String expected, String name, boolean failRequest, Node node) {
        return expected == null ? null : new CheckSpec(name, Kind.BODY, null, match, expected, null, 0, 0, failRequest, node.location());
    }

    private CheckSpec size(Fields f, String name, boolean failRequest, Node node) {
        long min = f.scalar("minSize", 0L, Quantities::bytes);
        long max = f.scalar("maxSize", Long.MAX_VALUE, Quantities::bytes);
        if (min > max) {
            problems.add(node, "minSize " + Quantities.formatBytes(min) + " is larger than maxSize " + Quantities.formatBytes(max));
            return null;
        }
        return new CheckSpec(name, Kind.SIZE, null, Match.BETWEEN, null, null, min, max, failRequest, node.location());
    }

    /** A header or JSON check: present by default, or compared by equals, contains or matches, or absent. */
    private CheckSpec compared(Fields f, Kind kind, String subject, String name, boolean failRequest, Node node) {
        List<String> given = COMPARISONS.stream().filter(f::has).toList();
        if (given.size() > 1) {
            problems.add(node, "give only one of " + String.join(", ", given));
            return null;
        }
        String comparison = given.isEmpty() ? "exists" : given.get(0);
        Match match = switch (comparison) {
            case "equals" -> Match.EQUALS;
            case "contains" -> Match.CONTAINS;
            case "matches" -> Match.MATCHES;
            default -> f.bool("exists", true) ? Match.EXISTS : Match.ABSENT;
        };
        String expected = switch (match) {
            case EQUALS, CONTAINS -> f.scalar(comparison, null, CheckReader::text);
            case MATCHES -> f.scalar(comparison, null, CheckReader::regex);
            default -> null;
        };
        boolean presence = match == Match.EXISTS || match == Match.ABSENT;
        if (subject == null || expected == null && !presence) {
            return null;
        }
        return new CheckSpec(name, kind, subject, match, expected, null, 0, 0, failRequest, node.location());
    }

    private static String headerName(String text) {
        if (!HEADER_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid header name");
        }
        return text;
    }

    private static String text(String text) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a check's text may be at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("a check's text may not hold the control character U+"
                        + String.format("%04X", (int) c));
            }
        }
        return text;
    }

    /** A regular expression, compiled once here so a bad one is reported with its place before the run. */
    static String regex(String text) {
        text(text);
        try {
            Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        return text;
    }
}
