package io.stressgate.engine.result;

import java.util.List;
import java.util.Map;

/** Per-interval load figures for charts: for all requests and for each request name. */
public record TimeSeries(long intervalMs, List<IntervalPoint> all, Map<String, List<IntervalPoint>> byName) {
    public TimeSeries {
        all = List.copyOf(all);
        byName = Maps.ordered(byName);
    }
}
