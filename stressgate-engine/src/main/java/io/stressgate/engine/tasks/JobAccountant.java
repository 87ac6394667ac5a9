package io.stressgate.engine.tasks;

import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.scenario.AccountingSpec;
import io.stressgate.engine.scenario.JobChain;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Settles job accounting after the load (seed 004's "no task loss"): sweeps the status of every job still open
 * until all are done or failed or the drain timeout passes, reads the completions log when the scenario names one
 * (jobs logged more than once are duplicated, open jobs it holds are completed), and classifies the rest as pending
 * or lost.
 */
public final class JobAccountant {
    private static final Logger LOG = LoggerFactory.getLogger(JobAccountant.class);

    private final DrainSweep sweep;
    private final Duration redisTimeout;

    /**
     * @param client       sends the status polls (its connect timeout applies)
     * @param clock        the wall clock for the drain deadline
     * @param concurrency  how many status polls may be in flight at once
     * @param redisTimeout connect and read timeout for the completions log
     */
    public JobAccountant(HttpClient client, Clock clock, int concurrency, Duration redisTimeout) {
        this.sweep = new DrainSweep(client, clock, concurrency);
        this.redisTimeout = redisTimeout;
    }

    /**
     * Sweeps, scans the completions log and settles the ledger. When the completions log cannot be read the
     * duplicates are unknown: throws {@link JobAccountingException}, carrying the accounting without them, so the
     * run is never reported as free of duplicates it could not check.
     */
    public JobsSummary settle(JobLedger ledger, JobChain chain, AccountingSpec accounting, CompletionsMark mark,
            Duration drainTimeout) throws InterruptedException, JobAccountingException {
        sweep(ledger, chain, drainTimeout);
        if (accounting.enabled()) {
            scan(accounting, mark, List.of(ledger), List.of(chain), false);
        }
        return ledger.settle(chain);
    }

    /** Polls the status of the ledger's open jobs until none is open or {@code drainTimeout} passes. */
    public void sweep(JobLedger ledger, JobChain chain, Duration drainTimeout) throws InterruptedException {
        DrainSweep.Outcome swept = sweep.run(ledger, chain, drainTimeout);
        LOG.info("drain sweep: {} rounds, {} status polls ({} without usable answer), {} jobs still open",
                swept.rounds(), swept.requests(), swept.failedRequests(), swept.stillOpen());
    }

    /** Where the completions log ends now; taken before the load, so the scan after it reads this run's entries. */
    public CompletionsMark mark(AccountingSpec accounting) {
        return CompletionsMark.take(accounting, redisTimeout);
    }

    /**
     * Reads what the completions log gained since {@code mark} once: ids logged more than once count duplicated (in the first ledger, so each is
     * counted once), and every ledger's open jobs that the log holds are completed; with {@code record} the first
     * ledger keeps the log's fingerprints for a shard's results. Throws, with the accounting settled without the
     * log, when the log cannot be read.
     */
    public void scan(AccountingSpec accounting, CompletionsMark mark, List<JobLedger> ledgers, List<JobChain> chains,
            boolean record)
            throws JobAccountingException {
        CompletionsScan.Outcome log;
        try {
            log = new CompletionsScan(accounting, redisTimeout, CompletionsScan.DEFAULT_PAGE, CompletionsScan.DEFAULT_MAX_IDS)
                    .scan(mark, ledgers.get(0)::duplicated);
        } catch (JedisException | IllegalStateException e) {
            List<JobsSummary> partial = new ArrayList<>();
            for (int i = 0; i < ledgers.size(); i++) {
                partial.add(ledgers.get(i).settle(chains.get(i)));
            }
            throw new JobAccountingException("cannot read the completions log " + accounting.completionsKey()
                    + " to count duplicated jobs: " + e.getMessage(), JobBook.merge(partial), e);
        }
        ShardLedger.CompletionsLog recorded = record ? log.record() : null;
        for (int i = 0; i < ledgers.size(); i++) {
            ledgers.get(i).completedPerLog(log::holds, i == 0 ? recorded : null);
        }
    }
}
