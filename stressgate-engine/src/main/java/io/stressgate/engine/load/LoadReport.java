package io.stressgate.engine.load;

import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.TimeSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the load generator measured: when it started and how long it ran, when it started its last iteration (the
 * end of the submissions, on the {@link System#nanoTime()} line), each phase, the totals per request name, the time
 * series, its own cost, the outcome of every check, why it stopped early (null when it ran to the end), and the
 * breaking point its stepping-arrival-rate phase found (null without one).
 */
public record LoadReport(Instant startedAt, long startNanos, long durationNanos, long submissionsEndNanos,
                         List<PhaseSummary> phases,
                         Map<String, LoadSummary> load, TimeSeries timeSeries, GeneratorInfo generator,
                         List<CheckSummary> checks, String stopReason, BreakingPoint breakingPoint) {
    public boolean completed() {
        return stopReason == null;
    }
}
