package io.stressgate.engine.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gate as written, e.g. {@code http{name=create}.p95 < 1s}: a metric, a comparison and a limit kept in the
 * metric's unit (milliseconds for durations, a fraction for rates of errors, bytes for sizes).
 */
public record GateExpression(String text, MetricRef metric, Comparison comparison, double limit, String limitText,
                             Dimension dimension) {

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*([A-Za-z_]+)\\s*(\\{[^}]*})?(?:\\.([A-Za-z0-9_.()]+))?\\s*(<=|>=|==|!=|<|>)\\s*(.*?)\\s*");
    private static final Pattern LABEL = Pattern.compile("\\s*([A-Za-z_]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^,\"']*?)\\s*");

    /** Parses and checks a gate against the metric catalogue; the exception message says what to write instead. */
    public static GateExpression parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("gate \"" + text + "\" is not of the form METRIC OP LIMIT, e.g. http.p95 < 500ms");
        }
        String familyName = m.group(1);
        MetricCatalog.Family family = MetricCatalog.family(familyName).orElseThrow(() -> new IllegalArgumentException(
                "gate \"" + text + "\": unknown metric \"" + familyName + "\" (known: "
                        + String.join(", ", MetricCatalog.families().keySet()) + ")"));
        Map<String, String> labels = labels(text, m.group(2), family);
        String stat = normalizeStat(m.group(3) == null ? "" : m.group(3));
        MetricRef ref = new MetricRef(familyName, labels, stat);
        Dimension dimension = MetricCatalog.dimension(ref).orElseThrow(() -> new IllegalArgumentException(
                "gate \"" + text + "\": " + familyName + (stat.isEmpty() ? " needs a statistic" : " has no \"" + stat + "\"")
                        + " (known: " + String.join(", ", MetricCatalog.spellings(family)) + ")"));
        String limitText = m.group(5);
        if (limitText.isEmpty()) {
            throw new IllegalArgumentException("gate \"" + text + "\" has no limit after " + m.group(4));
        }
        double limit;
        try {
            limit = dimension.parseLimit(limitText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gate \"" + text + "\": " + e.getMessage());
        }
        return new GateExpression(text.trim(), ref, Comparison.of(m.group(4)), limit, limitText, dimension);
    }

    /** True when the measured value keeps the gate. */
    public boolean holds(double actual) {
        return comparison.holds(actual, limit);
    }

    private static Map<String, String> labels(String text, String block, MetricCatalog.Family family) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (block != null) {
            String inner = block.substring(1, block.length() - 1);
            for (String part : inner.split(",")) {
                Matcher lm = LABEL.matcher(part);
                if (!lm.matches() || lm.group(2).isEmpty()) {
                    throw new IllegalArgumentException("gate \"" + text + "\": label \"" + part.trim() + "\" is not of the form name=value");
                }
                String key = lm.group(1);
                if (!family.labels().contains(key)) {
                    throw new IllegalArgumentException("gate \"" + text + "\": " + family.name() + " has no label \"" + key + "\""
                            + (family.labels().isEmpty() ? "" : " (known: " + String.join(", ", family.labels()) + ")"));
                }
                String value = lm.group(2);
                if (value.startsWith("\"") || value.startsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                labels.put(key, value);
            }
        }
        if (family.labelRequired() && labels.isEmpty()) {
            throw new IllegalArgumentException("gate \"" + text + "\": " + family.name() + " needs a name, e.g. "
                    + family.name() + "{name=default}." + family.stats().keySet().iterator().next());
        }
        return labels;
    }

    private static String normalizeStat(String stat) {
        if (stat.startsWith("p(") && stat.endsWith(")")) {
            return "p" + stat.substring(2, stat.length() - 1);
        }
        return stat;
    }
}
