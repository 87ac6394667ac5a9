package io.stressgate.engine.tasks;

import io.stressgate.engine.gate.MetricSource;
import io.stressgate.engine.gate.MetricValue;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.scenario.AccountingSpec;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.MetricCatalog;
import io.stressgate.engine.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * The job accounting of a whole run: one ledger per phase that runs a job chain (each chain polls its own
 * status URL), settled together after the load, and seen as one set of {@code jobs} metrics.
 */
public final class JobBook {
    private static final int MAX_LOST_IDS = 20;

    private final Map<String, JobLedger> ledgers = new LinkedHashMap<>();
    private final Map<String, JobChain> chains = new LinkedHashMap<>();

    public JobBook(Scenario scenario) {
        for (LoadPhase phase : scenario.load()) {
            if (phase.flow() instanceof JobChain chain) {
                ledgers.put(phase.name(), new JobLedger());
                chains.put(phase.name(), chain);
            }
        }
    }

    /** The accounting a phase's job chain reports to, or null for a phase without one. */
    public JobEvents events(String phase) {
        return ledgers.get(phase);
    }

    public boolean isEmpty() {
        return ledgers.isEmpty();
    }

    /** The accounting so far, while the load runs. */
    public JobsSummary summary() {
        return merge(ledgers.values().stream().map(JobLedger::summary).toList());
    }

    /**
     * Sweeps every chain's open jobs (side by side) until the drain timeout, reads the completions log once, and
     * merges the final accounting. Throws when the completions log cannot be read: duplicates are then unknown.
     */
    public JobsSummary settle(JobAccountant accountant, AccountingSpec accounting, Duration drainTimeout)
            throws InterruptedException, JobAccountingException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ledgers.size()));
        try {
            List<Future<JobsSummary>> parts = new ArrayList<>();
            boolean first = true;
            for (Map.Entry<String, JobLedger> e : ledgers.entrySet()) {
                AccountingSpec scan = first ? accounting : AccountingSpec.NONE; // one scan counts every duplicate
                first = false;
                JobChain chain = chains.get(e.getKey());
                parts.add(pool.submit(() -> accountant.settle(e.getValue(), chain, scan, drainTimeout)));
            }
            List<JobsSummary> settled = new ArrayList<>();
            for (Future<JobsSummary> part : parts) {
                settled.add(result(part));
            }
            return merge(settled);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JobsSummary result(Future<JobsSummary> part) throws InterruptedException, JobAccountingException {
        try {
            return part.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof JobAccountingException j) {
                throw j;
            }
            throw new IllegalStateException("job accounting failed: " + e.getCause(), e.getCause());
        }
    }

    /** Adds accountings up; end-to-end times are merged as histograms, never averaged. */
    public static JobsSummary merge(List<JobsSummary> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Histogram h = Histograms.forJobs();
        long[] n = new long[7];
        Map<String, Long> reasons = new TreeMap<>();
        List<String> lostIds = new ArrayList<>();
        List<String> failedIds = new ArrayList<>();
        long unidentified = 0;
        long afterStop = 0;
        String example = null;
        for (JobsSummary p : parts) {
            n[0] += p.submitted();
            n[1] += p.completed();
            n[2] += p.failed();
            n[3] += p.pending();
            n[4] += p.lost();
            n[5] += p.duplicated();
            n[6] += p.timeouts();
            if (p.histogram() != null) {
                h.add(Histograms.decode(p.histogram()));
            }
            p.lostReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            p.lostIds().stream().limit(MAX_LOST_IDS - lostIds.size()).forEach(lostIds::add);
            p.failedIds().stream().limit(MAX_LOST_IDS - failedIds.size()).forEach(failedIds::add);
            unidentified += p.unidentifiedCount();
            afterStop += p.completedAfterStopCount();
            example = example != null ? example : p.unidentifiedExample();
        }
        return new JobsSummary(n[0], n[1], n[2], n[3], n[4], n[5], n[6], Histograms.latency(h), Histograms.encode(h),
                reasons, lostIds, unidentified, example, failedIds, afterStop);
    }

    /** The live {@code jobs} metrics over every chain: counts added up, end-to-end times merged. */
    public MetricSource metrics() {
        List<MetricSource> each = ledgers.values().stream().map(l -> (MetricSource) new JobMetrics(l)).toList();
        if (each.size() == 1) {
            return each.get(0);
        }
        return metric -> {
            if (MetricCatalog.dimension(metric).map(d -> d == io.stressgate.engine.scenario.Dimension.DURATION).orElse(false)) {
                return new JobMetrics(combinedLedgerView()).value(metric);
            }
            double sum = 0;
            for (MetricSource s : each) {
                MetricValue v = s.value(metric);
                if (v instanceof MetricValue.Missing) {
                    return v;
                }
                sum += ((MetricValue.Present) v).value();
            }
            return MetricValue.of(sum);
        };
    }

    /** A throwaway ledger whose histogram is the merge of all chains', for latency statistics. */
    private JobLedger combinedLedgerView() {
        JobLedger view = new JobLedger();
        for (JobLedger l : ledgers.values()) {
            view.absorbHistogram(l.histogram());
        }
        return view;
    }
}
