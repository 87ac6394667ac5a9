package io.stressgate.engine.result;

import java.time.Instant;

/**
 * One shard as a merged run lists it: its status, when it started and how late after the agreed start, and its
 * own counts. A shard that never wrote results has status ERROR and no figures (null start, zero counts).
 */
public record ShardSummary(int index, String runId, RunStatus status, String statusReason, Instant startedAt,
                           Long startOffsetMs, long durationMs, long requests, long errors, double rps, Double p99Ms) {
}
