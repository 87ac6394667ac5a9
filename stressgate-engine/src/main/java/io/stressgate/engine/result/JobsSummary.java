package io.stressgate.engine.result;

import java.util.List;
import java.util.Map;

/**
 * Accounting of asynchronous jobs: submitted (ids the API accepted) against completed, failed, still pending,
 * lost (neither done nor failed nor pending after the drain timeout) and duplicated (completed more than once),
 * with the end-to-end time of completed jobs, why jobs were counted lost, and a few lost ids to look up.
 * {@code unidentified} counts submits the API accepted without a job id in the reply (null in results written
 * before it was counted), {@code unidentifiedExample} says the first one's status, request, pointer and body start,
 * {@code failedIds} holds a few ids of failed jobs, and {@code completedAfterStop} counts jobs whose iteration the
 * load's end cut short within their own timeout and which the drain sweep then saw done (timed end to end).
 * {@code completedByLog} counts jobs no status poll saw finish but which the completions log holds (untimed; in a
 * merge, jobs one shard left open that the primary's scan of the log found). {@code ledger} is null except in a
 * shard's results, where it carries what the merge needs to match jobs across shards ({@link ShardLedger}).
 */
public record JobsSummary(long submitted, long completed, long failed, long pending, long lost, long duplicated,
                          long timeouts, LatencyMs latencyMs, String histogram, Map<String, Long> lostReasons,
                          List<String> lostIds, Long unidentified, String unidentifiedExample, List<String> failedIds,
                          Long completedAfterStop, Long completedByLog, ShardLedger ledger) {
    public JobsSummary {
        lostReasons = Maps.sorted(lostReasons);
        lostIds = List.copyOf(lostIds);
        failedIds = failedIds == null ? List.of() : List.copyOf(failedIds);
    }

    /** Accounting without the jobs completed per the completions log and without a shard's ledger. */
    public JobsSummary(long submitted, long completed, long failed, long pending, long lost, long duplicated,
                       long timeouts, LatencyMs latencyMs, String histogram, Map<String, Long> lostReasons,
                       List<String> lostIds, Long unidentified, String unidentifiedExample, List<String> failedIds,
                       Long completedAfterStop) {
        this(submitted, completed, failed, pending, lost, duplicated, timeouts, latencyMs, histogram, lostReasons,
                lostIds, unidentified, unidentifiedExample, failedIds, completedAfterStop, 0L, null);
    }

    /** Accounting without the unidentified submits and failed ids (as results written before them hold). */
    public JobsSummary(long submitted, long completed, long failed, long pending, long lost, long duplicated,
                       long timeouts, LatencyMs latencyMs, String histogram, Map<String, Long> lostReasons,
                       List<String> lostIds) {
        this(submitted, completed, failed, pending, lost, duplicated, timeouts, latencyMs, histogram, lostReasons,
                lostIds, 0L, null, List.of(), 0L, 0L, null);
    }

    /** Jobs completed per the completions log only; 0 when the results predate the count. */
    public long completedByLogCount() {
        return completedByLog == null ? 0 : completedByLog;
    }

    /** The same accounting with {@code ledger} (null to drop it). */
    public JobsSummary withLedger(ShardLedger newLedger) {
        return new JobsSummary(submitted, completed, failed, pending, lost, duplicated, timeouts, latencyMs, histogram,
                lostReasons, lostIds, unidentified, unidentifiedExample, failedIds, completedAfterStop, completedByLog,
                newLedger);
    }

    /** Jobs cut short at the load's end and seen done afterwards; 0 when the results predate the count. */
    public long completedAfterStopCount() {
        return completedAfterStop == null ? 0 : completedAfterStop;
    }

    /** Submits accepted without a job id; 0 when the results predate the count. */
    public long unidentifiedCount() {
        return unidentified == null ? 0 : unidentified;
    }
}
