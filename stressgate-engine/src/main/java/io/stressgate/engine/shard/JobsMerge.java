package io.stressgate.engine.shard;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobFingerprints;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.ShardLedger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the shards' job ledgers into the accounting of the whole run. Counts and end-to-end histograms add up; a
 * job one shard left open (pending or lost) that a completions log read by another shard (the primary) holds is
 * completed, untimed, as in an unsharded run; duplicated ids count once however many shards saw them. A job is
 * only ever moved towards completed on evidence, so a ledger that could not be matched in full (a shard that
 * listed no ledger, a backlog over the cap, a log too large to record) leaves jobs as their shard counted them.
 */
final class JobsMerge {
    private static final Logger LOG = LoggerFactory.getLogger(JobsMerge.class);
    private static final int IDS_KEPT = 20;

    private JobsMerge() {
    }

    /** The merged accounting, or null when no shard ran jobs. */
    static JobsSummary merge(List<JobsSummary> parts) {
        List<JobsSummary> present = parts.stream().filter(j -> j != null).toList();
        if (present.isEmpty()) {
            return null;
        }
        Sums sums = new Sums();
        present.forEach(sums::add);
        List<long[]> logs = logs(present);
        boolean ledgers = present.stream().allMatch(j -> j.ledger() != null);
        if (ledgers) {
            match(present, logs, sums);
            sums.duplicated = duplicated(present);
        } else if (!logs.isEmpty()) {
            LOG.warn("a shard's results carry no job ledger (written before ledgers were kept): its open jobs are "
                    + "not matched against the completions log");
        }
        return sums.summary();
    }

    /** The fingerprints of every completions log a shard recorded (the primary's, or each shard's when per shard). */
    private static List<long[]> logs(List<JobsSummary> present) {
        List<long[]> logs = new ArrayList<>();
        for (JobsSummary j : present) {
            ShardLedger.CompletionsLog log = j.ledger() == null ? null : j.ledger().completions();
            if (log != null && log.recorded()) {
                logs.add(JobFingerprints.decode(log.fingerprints()));
            } else if (log != null) {
                LOG.warn("the completions log held {} distinct ids, more than the {} a shard records: jobs left open "
                        + "on other shards are not matched against it", log.distinct(), JobFingerprints.MAX_RECORDED);
            }
        }
        return logs;
    }

    /** Moves every open job a log holds from pending or lost to completed; keeps the ids of the jobs still lost. */
    private static void match(List<JobsSummary> present, List<long[]> logs, Sums sums) {
        sums.lostIds.clear();
        for (JobsSummary j : present) {
            if (j.ledger().openOmitted() > 0) {
                LOG.warn("a shard left {} more jobs open than it lists; those stay as it counted them",
                        j.ledger().openOmitted());
            }
            for (ShardLedger.OpenJob o : j.ledger().open()) {
                if (inAnyLog(logs, o.id())) {
                    sums.completedPerLog(o);
                } else if (o.lost() && sums.lostIds.size() < IDS_KEPT) {
                    sums.lostIds.add(o.id());
                }
            }
        }
    }

    private static boolean inAnyLog(List<long[]> logs, String id) {
        for (long[] log : logs) {
            if (JobFingerprints.contains(log, id)) {
                return true;
            }
        }
        return false;
    }

    /** Distinct ids over the shards' lists, plus what each shard counted beyond its list. */
    private static long duplicated(List<JobsSummary> present) {
        Set<String> ids = new HashSet<>();
        long beyond = 0;
        for (JobsSummary j : present) {
            ids.addAll(j.ledger().duplicatedIds());
            beyond += j.ledger().duplicatedOmitted();
        }
        return ids.size() + beyond;
    }

    /** The running totals of the merge. */
    private static final class Sums {
        private final Histogram histogram = Histograms.forJobs();
        private final HistogramAdder adder = new HistogramAdder(histogram);
        private final Map<String, Long> reasons = new TreeMap<>();
        private final List<String> lostIds = new ArrayList<>();
        private final List<String> failedIds = new ArrayList<>();
        private long submitted;
        private long completed;
        private long failed;
        private long pending;
        private long lost;
        private long duplicated;
        private long timeouts;
        private long unidentified;
        private long afterStop;
        private long byLog;
        private String example;

        void add(JobsSummary j) {
            submitted += j.submitted();
            completed += j.completed();
            failed += j.failed();
            pending += j.pending();
            lost += j.lost();
            duplicated += j.duplicated();
            timeouts += j.timeouts();
            unidentified += j.unidentifiedCount();
            afterStop += j.completedAfterStopCount();
            byLog += j.completedByLogCount();
            example = example != null ? example : j.unidentifiedExample();
            j.lostReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            j.lostIds().stream().limit(Math.max(0, IDS_KEPT - lostIds.size())).forEach(lostIds::add);
            j.failedIds().stream().limit(Math.max(0, IDS_KEPT - failedIds.size())).forEach(failedIds::add);
            adder.add(j.histogram());
        }

        void completedPerLog(ShardLedger.OpenJob o) {
            completed++;
            byLog++;
            if (o.lost()) {
                lost--;
                reasons.computeIfPresent(o.lostReason(), (k, v) -> v > 1 ? v - 1 : null);
            } else {
                pending--;
            }
        }

        JobsSummary summary() {
            adder.close();
            return new JobsSummary(submitted, completed, failed, pending, lost, duplicated, timeouts,
                    Histograms.latency(histogram), histogram.getTotalCount() == 0 ? null : Histograms.encode(histogram),
                    reasons, lostIds, unidentified, example, failedIds, afterStop, byLog, null);
        }
    }
}
