package io.stressgate.engine.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history of a job as the trend charts draw it, oldest build first, with the baseline band of the metrics that
 * have one. The reporting service and the Jenkins plugin both serialize it to JSON for {@code renderTrend}.
 */
public record Trend(List<TrendPoint> points, Map<String, Band> baseline) {
    public Trend {
        points = List.copyOf(points);
        baseline = baseline == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
    }
}
