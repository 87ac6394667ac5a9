package io.stressgate.engine.scenario;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A metric a gate or chaos condition names: family, labels and statistic, e.g. {@code http{name=create}.p95},
 * {@code queue{name=default}.max_depth} or {@code orphans} (a family without statistic).
 */
public record MetricRef(String family, Map<String, String> labels, String stat) {
    public MetricRef {
        labels = Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }

    /** The canonical spelling, labels sorted. */
    @Override
    public String toString() {
        String labelText = labels.isEmpty() ? "" : new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
        return family + labelText + (stat.isEmpty() ? "" : "." + stat);
    }
}
