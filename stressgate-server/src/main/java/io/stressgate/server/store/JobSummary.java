package io.stressgate.server.store;

import io.stressgate.engine.result.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * A job as the jobs list shows it: its name, how many runs it has, its newest build with the worst own verdict of that
 * build's runs, when that arrived, and the p95 of its last runs oldest first for a sparkline (null where unmeasured).
 */
public record JobSummary(String name, long runs, long lastBuild, Verdict lastVerdict, Instant lastReceivedAt,
                         List<Double> sparkline) {
    public JobSummary {
        sparkline = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sparkline));
    }
}
