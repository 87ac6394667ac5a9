package io.stressgate.engine.result;

import java.util.List;
import java.util.Map;

/**
 * Accounting of asynchronous jobs: submitted (ids the API accepted) against completed, failed, still pending,
 * lost (neither done nor failed nor pending after the drain timeout) and duplicated (completed more than once),
 * with the end-to-end time of completed jobs, why jobs were counted lost, and a few lost ids to look up.
 */
public record JobsSummary(long submitted, long completed, long failed, long pending, long lost, long duplicated,
                          long timeouts, LatencyMs latencyMs, String histogram, Map<String, Long> lostReasons,
                          List<String> lostIds) {
    public JobsSummary {
        lostReasons = Maps.sorted(lostReasons);
        lostIds = List.copyOf(lostIds);
    }
}
