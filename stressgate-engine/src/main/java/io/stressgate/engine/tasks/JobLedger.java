package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Counts jobs as the load generator reports them and times the completed ones. Only jobs that have not finished
 * are kept, so memory follows the backlog, not the number of jobs.
 */
public class JobLedger implements JobEvents {
    private final Map<String, String> outstanding = new ConcurrentHashMap<>();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final Histogram endToEnd = Histograms.forJobs();

    private static final String NO_STATUS = "";

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
        outstanding.put(jobId, notFound ? "(not found)" : lastStatus == null ? NO_STATUS : lastStatus);
    }

    /** Jobs submitted but neither completed nor failed, with their last seen status. */
    public Map<String, String> outstanding() {
        return Map.copyOf(outstanding);
    }

    public long completedCount() {
        return completed.sum();
    }

    /** A copy of the end-to-end histogram of completed jobs. */
    public Histogram histogram() {
        synchronized (endToEnd) {
            return endToEnd.copy();
        }
    }

    /** The accounting so far; jobs not finished count as pending. */
    public JobsSummary summary() {
        Histogram h = histogram();
        return new JobsSummary(submitted.sum(), completed.sum(), failed.sum(), outstanding.size(), 0, 0, timeouts.sum(),
                Histograms.latency(h), Histograms.encode(h), Map.of(), List.of());
    }
}
