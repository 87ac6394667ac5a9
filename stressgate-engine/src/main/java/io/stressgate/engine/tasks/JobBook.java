package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.ShardLedger;
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
    private final boolean sharded;

    public JobBook(Scenario scenario) {
        this.sharded = scenario.shard() != null;
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
     * Sweeps every chain's open jobs (side by side) until the drain timeout, reads what the completions log gained
     * since {@code mark} once, and
     * merges the final accounting; a shard's also carries its {@link ShardLedger} for the merge. Throws when the
     * completions log cannot be read: duplicates are then unknown.
     */
    public JobsSummary settle(JobAccountant accountant, AccountingSpec accounting, CompletionsMark mark,
            Duration drainTimeout)
            throws InterruptedException, JobAccountingException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ledgers.size()));
        try {
            List<Future<?>> sweeps = new ArrayList<>();
            for (Map.Entry<String, JobLedger> e : ledgers.entrySet()) {
                JobChain chain = chains.get(e.getKey());
                sweeps.add(pool.submit(() -> {
                    accountant.sweep(e.getValue(), chain, drainTimeout);
                    return null;
                }));
            }
            for (Future<?> sweep : sweeps) {
                result(sweep);
            }
        } finally {
            pool.shutdownNow();
        }
        List<JobLedger> all = new ArrayList<>(ledgers.values());
        List<JobChain> allChains = new ArrayList<>(chains.values());
        if (accounting.enabled() && !all.isEmpty()) {
            accountant.scan(accounting, mark, all, allChains, sharded);
        }
        List<JobsSummary> settled = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            settled.add(all.get(i).settle(allChains.get(i)));
        }
        JobsSummary merged = merge(settled);
        return sharded ? merged.withLedger(shardLedger(all)) : merged;
    }

    /** Every chain's open jobs and duplicated ids in one ledger, with the completions log the first chain read. */
    private static ShardLedger shardLedger(List<JobLedger> all) {
        List<ShardLedger.OpenJob> open = new ArrayList<>();
        List<String> dups = new ArrayList<>();
        long openOmitted = 0;
        long dupsOmitted = 0;
        for (JobLedger l : all) {
            ShardLedger s = l.shardLedger();
            for (ShardLedger.OpenJob o : s.open()) {
                if (open.size() < ShardLedger.MAX_OPEN) {
                    open.add(o);
                } else {
                    openOmitted++;
                }
            }
            int room = Math.max(0, ShardLedger.MAX_DUPLICATED - dups.size());
            s.duplicatedIds().stream().limit(room).forEach(dups::add);
            openOmitted += s.openOmitted();
            dupsOmitted += s.duplicatedOmitted() + Math.max(0, s.duplicatedIds().size() - room);
        }
        return new ShardLedger(open, openOmitted, dups, dupsOmitted, all.get(0).shardLedger().completions());
    }

    private static void result(Future<?> part) throws InterruptedException {
        try {
            part.get();
        } catch (java.util.concurrent.ExecutionException e) {
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
        long byLog = 0;
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
            byLog += p.completedByLogCount();
            example = example != null ? example : p.unidentifiedExample();
        }
        return new JobsSummary(n[0], n[1], n[2], n[3], n[4], n[5], n[6], Histograms.latency(h), Histograms.encode(h),
                reasons, lostIds, unidentified, example, failedIds, afterStop, byLog, null);
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
