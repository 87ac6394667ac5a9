package io.stressgate.engine.load;

import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import java.util.Map;

/**
 * The figures of a run so far: seconds since the start, the last complete interval, the totals per request name
 * (with {@code all}), and the iterations in progress.
 */
public record LiveStats(double elapsedSeconds, double scheduledSeconds, IntervalPoint lastInterval,
                        Map<String, LoadSummary> totals, long inFlight) {
}
