package io.stressgate.engine.report;

import io.stressgate.engine.result.Verdict;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One build on a trend chart: its display name and number, its verdict (the colour of its points), where its run
 * can be looked at, when it started, and the metrics it measured; a metric the run did not measure is absent.
 */
public record TrendPoint(String build, long number, Verdict verdict, String url, Instant startedAt,
                         Map<String, Double> metrics) {
    public TrendPoint {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
