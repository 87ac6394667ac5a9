package io.stressgate.engine.imports;

import io.stressgate.engine.scenario.MetricCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latency statistics a tool reported itself (milliseconds), for files that hold only summaries: keys are the
 * statistic names gates use ({@code p50}, {@code p95}, {@code p99.9}, {@code min}, {@code max}, {@code mean}); every
 * other statistic is unavailable and {@link #notGiven} says so, naming {@code source} (e.g. "locust stats").
 */
public record ReportedLatency(String source, Map<String, Double> stats) {
    public ReportedLatency {
        stats = java.util.Collections.unmodifiableMap(new TreeMap<>(stats));
    }

    /** The reported value of a statistic, empty when the tool did not give it. */
    public Optional<Double> stat(String name) {
        Double exact = stats.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<Double> percentile = MetricCatalog.percentile(name);
        if (percentile.isEmpty()) {
            return Optional.empty();
        }
        return stats.entrySet().stream()
                .filter(e -> MetricCatalog.percentile(e.getKey()).filter(percentile.get()::equals).isPresent())
                .map(Map.Entry::getValue).findFirst();
    }

    /** Why a statistic is missing, as a gate says it: "p99 not given by k6 summary-export". */
    public String notGiven(String name) {
        return name + " not given by " + source;
    }
}
