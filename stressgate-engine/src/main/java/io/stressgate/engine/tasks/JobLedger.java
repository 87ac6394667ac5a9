package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.scenario.JobChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Counts jobs as the load generator reports them and times the completed ones; after the load, the drain sweep
 * reports what it saw and {@link #settle} sorts every job still open into pending or lost. Only jobs that have not
 * finished are kept (with their last status), so memory follows the backlog, not the number of jobs; duplicated
 * ids are kept too, up to {@value #MAX_DUPLICATE_IDS}, since they should be rare.
 */
public class JobLedger implements JobEvents {
    static final int MAX_DUPLICATE_IDS = 100_000;
    static final int MAX_LOST_IDS = 20;
    static final int MAX_FAILED_IDS = 20;
    static final int MAX_LOST_REASONS = 20;
    static final String REASON_NOT_FOUND = "not found (404/410)";
    static final String REASON_NO_STATUS = "no status";
    static final String REASON_STUCK = "stuck in ";
    static final String REASON_OTHER = "stuck in another status";

    private static final String NO_STATUS = "";
    private static final String NOT_FOUND = "(not found)";

    private final Map<String, String> outstanding = new ConcurrentHashMap<>();
    private final Set<String> duplicatedIds = ConcurrentHashMap.newKeySet();
    private final LongAdder duplicatedBeyondCap = new LongAdder();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder unidentified = new LongAdder();
    private final LongAdder completedAfterStop = new LongAdder();
    private final LongAdder completedByLog = new LongAdder();
    private final AtomicReference<String> unidentifiedExample = new AtomicReference<>();
    /** Jobs cut short at the load's end within their own timeout: when each was submitted, to time it late. */
    private final Map<String, Long> openSince = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failedIds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failedIdsKept = new AtomicInteger();
    private final JobTimes endToEnd = new JobTimes();
    private volatile JobsSummary settled;
    private volatile List<ShardLedger.OpenJob> openAtSettle = List.of();
    private volatile long openOmitted;
    private volatile ShardLedger.CompletionsLog completionsLog;

    @Override
    public void submitted(String jobId) {
        submitted.increment();
        outstanding.put(jobId, NO_STATUS);
    }

    @Override
    public void completed(String jobId, long endToEndMicros) {
        outstanding.remove(jobId);
        completed.increment();
        endToEnd.record(endToEndMicros);
    }

    @Override
    public void failed(String jobId, String status) {
        outstanding.remove(jobId);
        failed.increment();
        keepFailedId(jobId);
    }

    @Override
    public void unresolved(String jobId, String lastStatus, boolean notFound) {
        timeouts.increment();
        outstanding.put(jobId, notFound ? NOT_FOUND : lastStatus == null ? NO_STATUS : lastStatus);
    }

    @Override
    public void stillOpen(String jobId, long submittedNanos, String lastStatus, boolean notFound) {
        openSince.put(jobId, submittedNanos);
        outstanding.put(jobId, notFound ? NOT_FOUND : lastStatus == null ? NO_STATUS : lastStatus);
    }

    @Override
    public void unidentified(Supplier<String> why) {
        unidentified.increment();
        if (unidentifiedExample.get() == null) {
            unidentifiedExample.compareAndSet(null, why.get());
        }
    }

    /**
     * The drain sweep saw a job done after the load, at {@code nowNanos}. A job cut short at the load's end is
     * timed end to end from its submit (to within one sweep round, as polling during the load is to within one
     * poll); a job whose own timeout passed counts as completed without a time, as it already counts as a timeout.
     */
    public void completedLate(String jobId, long nowNanos) {
        if (outstanding.remove(jobId) != null) {
            completed.increment();
            Long since = openSince.remove(jobId);
            if (since != null) {
                completedAfterStop.increment();
                endToEnd.record((nowNanos - since) / 1000);
            }
        }
    }

    /**
     * Every open job the completions log holds is completed: a worker recorded it done though no status poll saw it
     * so (the status API lagging, or the job done after the sweep ended). Untimed, as the log has no submit time.
     */
    public void completedPerLog(Predicate<String> inLog, ShardLedger.CompletionsLog log) {
        completionsLog = log;
        for (String id : List.copyOf(outstanding.keySet())) {
            if (inLog.test(id) && outstanding.remove(id) != null) {
                openSince.remove(id);
                completed.increment();
                completedByLog.increment();
            }
        }
    }

    /**
     * What a shard hands the merge, once {@link #settle} ran: the jobs it left open (up to
     * {@link ShardLedger#MAX_OPEN}), the ids it counted duplicated, and the completions log if it read one.
     */
    public ShardLedger shardLedger() {
        List<String> dups = duplicatedIds.stream().limit(ShardLedger.MAX_DUPLICATED).toList();
        return new ShardLedger(openAtSettle, openOmitted, dups, duplicatedCount() - dups.size(), completionsLog);
    }

    /** The drain sweep saw a job failed after the load. */
    public void failedLate(String jobId, String status) {
        if (outstanding.remove(jobId) != null) {
            openSince.remove(jobId);
            failed.increment();
            keepFailedId(jobId);
        }
    }

    private void keepFailedId(String jobId) {
        if (failedIdsKept.getAndIncrement() < MAX_FAILED_IDS) {
            failedIds.add(jobId);
        }
    }

    /** The drain sweep saw a job not finished: remember what its status URL said. */
    public void polled(String jobId, String status, boolean notFound) {
        outstanding.computeIfPresent(jobId, (id, before) -> notFound ? NOT_FOUND
                : status == null ? before : status);
    }

    /** A job completed more than once; counted once however often it is reported. */
    public void duplicated(String jobId) {
        if (duplicatedIds.size() < MAX_DUPLICATE_IDS) {
            duplicatedIds.add(jobId);
        } else if (!duplicatedIds.contains(jobId)) {
            duplicatedBeyondCap.increment();
        }
    }

    /** Jobs submitted but neither completed nor failed, with their last seen status. */
    public Map<String, String> outstanding() {
        return Map.copyOf(outstanding);
    }

    /** Hands the id of every job still open to {@code action}, without copying them all. */
    public void forEachOutstanding(Consumer<String> action) {
        outstanding.keySet().forEach(action);
    }

    public int outstandingCount() {
        return outstanding.size();
    }

    public long completedCount() {
        return completed.sum();
    }

    long submittedCount() {
        return submitted.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    long timeoutCount() {
        return timeouts.sum();
    }

    long unidentifiedCount() {
        return unidentified.sum();
    }

    long duplicatedCount() {
        return duplicatedIds.size() + duplicatedBeyondCap.sum();
    }

    /** A copy of the end-to-end histogram of completed jobs. */
    public Histogram histogram() {
        return endToEnd.copy();
    }

    /** Adds another ledger's end-to-end times to this one's (for a merged view of several chains). */
    void absorbHistogram(Histogram other) {
        endToEnd.absorb(other);
    }

    /** Reads the end-to-end histogram in place, under the readers' lock (no copy, for live metrics). */
    <T> T withHistogram(Function<Histogram, T> reader) {
        return endToEnd.read(reader);
    }

    /** The accounting so far, while the load runs: jobs not finished count as pending. */
    public JobsSummary summary() {
        Histogram h = histogram();
        return new JobsSummary(submitted.sum(), completed.sum(), failed.sum(), outstanding.size(), 0, 0, timeouts.sum(),
                Histograms.latency(h), Histograms.encode(h), Map.of(), List.of(), unidentified.sum(),
                unidentifiedExample.get(), List.copyOf(failedIds), completedAfterStop.sum(), completedByLog.sum(), null);
    }

    /** The final accounting, once {@link #settle} ran; null before. */
    public JobsSummary settled() {
        return settled;
    }

    /**
     * The final accounting after the drain timeout: every job still open is pending when its last status is one
     * of the chain's pending statuses, else lost: not found, stuck in an in-progress status, or without any status.
     * A last status that is done or failed (reported as unresolved) counts as such.
     */
    public JobsSummary settle(JobChain chain) {
        long done = 0;
        long failedNow = 0;
        long pending = 0;
        long lost = 0;
        Map<String, Long> reasons = new TreeMap<>();
        List<String> lostIds = new ArrayList<>();
        List<String> failedNowIds = new ArrayList<>(failedIds);
        List<ShardLedger.OpenJob> open = new ArrayList<>();
        long omitted = 0;
        for (Map.Entry<String, String> e : outstanding.entrySet()) {
            String status = e.getValue().toLowerCase(Locale.ROOT).trim();
            if (chain.done().contains(status)) {
                done++;
            } else if (chain.failed().contains(status)) {
                failedNow++;
                if (failedNowIds.size() < MAX_FAILED_IDS) {
                    failedNowIds.add(e.getKey());
                }
            } else if (chain.pending().contains(status)) {
                pending++;
                omitted += keepOpen(open, new ShardLedger.OpenJob(e.getKey(), null));
            } else {
                lost++;
                String reason = lostReason(e.getValue(), reasons);
                reasons.merge(reason, 1L, Long::sum);
                if (lostIds.size() < MAX_LOST_IDS) {
                    lostIds.add(e.getKey());
                }
                omitted += keepOpen(open, new ShardLedger.OpenJob(e.getKey(), reason));
            }
        }
        openAtSettle = List.copyOf(open);
        openOmitted = omitted;
        Histogram h = histogram();
        settled = new JobsSummary(submitted.sum(), completed.sum() + done, failed.sum() + failedNow, pending, lost,
                duplicatedCount(), timeouts.sum(), Histograms.latency(h), Histograms.encode(h), reasons, lostIds,
                unidentified.sum(), unidentifiedExample.get(), failedNowIds, completedAfterStop.sum(),
                completedByLog.sum(), null);
        return settled;
    }

    /** Lists an open job for the merge while there is room; returns 1 when it had to be left out. */
    private static int keepOpen(List<ShardLedger.OpenJob> open, ShardLedger.OpenJob job) {
        if (open.size() < ShardLedger.MAX_OPEN) {
            open.add(job);
            return 0;
        }
        return 1;
    }

    private static String lostReason(String status, Map<String, Long> reasons) {
        if (NOT_FOUND.equals(status)) {
            return REASON_NOT_FOUND;
        }
        if (status.isBlank()) {
            return REASON_NO_STATUS;
        }
        String reason = REASON_STUCK + (status.length() > 64 ? status.substring(0, 64) : status);
        return reasons.containsKey(reason) || reasons.size() < MAX_LOST_REASONS - 1 ? reason : REASON_OTHER;
    }
}
