package io.stressgate.engine.load;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run so far: seconds since the start, the last complete interval, the totals per request name
 * (with {@code all}), the iterations in progress, and every check's passes and fails.
 */
public record LiveStats(double elapsedSeconds, double scheduledSeconds, IntervalPoint lastInterval,
                        Map<String, LoadSummary> totals, long inFlight, List<CheckSummary> checks) {
    public LiveStats {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
