package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.scenario.JobChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
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
    private final Histogram endToEnd = Histograms.forJobs();
    private volatile JobsSummary settled;

    @Override
    public void submitted(String jobId) {
        submitted.increment();
        outstanding.put(jobId, NO_STATUS);
    }

    @Override
    public void completed(String jobId, long endToEndMicros) {
        outstanding.remove(jobId);
        completed.increment();
        synchronized (endToEnd) {
            Histograms.record(endToEnd, endToEndMicros);
        }
    }

    @Override
    public void failed(String jobId, String status) {
        outstanding.remove(jobId);
        failed.increment();
    }

    @Override
    public void unresolved(String jobId, String lastStatus, boolean notFound) {
        timeouts.increment();
        outstanding.put(jobId, notFound ? NOT_FOUND : lastStatus == null ? NO_STATUS : lastStatus);
    }

    /**
     * The drain sweep saw a job done after the load: it counts as completed, without an end-to-end time (the
     * sweep only knows when it looked, which would overstate the time).
     */
    public void completedLate(String jobId) {
        if (outstanding.remove(jobId) != null) {
            completed.increment();
        }
    }

    /** The drain sweep saw a job failed after the load. */
    public void failedLate(String jobId, String status) {
        if (outstanding.remove(jobId) != null) {
            failed.increment();
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

    long duplicatedCount() {
        return duplicatedIds.size() + duplicatedBeyondCap.sum();
    }

    /** A copy of the end-to-end histogram of completed jobs. */
    public Histogram histogram() {
        synchronized (endToEnd) {
            return endToEnd.copy();
        }
    }

    /** Reads the end-to-end histogram in place, under its lock (no copy, for live metrics). */
    /** Adds another ledger's end-to-end times to this one's (for a merged view of several chains). */
    void absorbHistogram(Histogram other) {
        synchronized (endToEnd) {
            endToEnd.add(other);
        }
    }

    <T> T withHistogram(Function<Histogram, T> reader) {
        synchronized (endToEnd) {
            return reader.apply(endToEnd);
        }
    }

    /** The accounting so far, while the load runs: jobs not finished count as pending. */
    public JobsSummary summary() {
        Histogram h = histogram();
        return new JobsSummary(submitted.sum(), completed.sum(), failed.sum(), outstanding.size(), 0, 0, timeouts.sum(),
                Histograms.latency(h), Histograms.encode(h), Map.of(), List.of());
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
        for (Map.Entry<String, String> e : outstanding.entrySet()) {
            String status = e.getValue().toLowerCase(Locale.ROOT).trim();
            if (chain.done().contains(status)) {
                done++;
            } else if (chain.failed().contains(status)) {
                failedNow++;
            } else if (chain.pending().contains(status)) {
                pending++;
            } else {
                lost++;
                reasons.merge(lostReason(e.getValue(), reasons), 1L, Long::sum);
                if (lostIds.size() < MAX_LOST_IDS) {
                    lostIds.add(e.getKey());
                }
            }
        }
        Histogram h = histogram();
        settled = new JobsSummary(submitted.sum(), completed.sum() + done, failed.sum() + failedNow, pending, lost,
                duplicatedCount(), timeouts.sum(), Histograms.latency(h), Histograms.encode(h), reasons, lostIds);
        return settled;
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
