package io.stressgate.engine.tasks;

import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.scenario.AccountingSpec;
import io.stressgate.engine.scenario.JobChain;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Settles job accounting after the load (seed 004's "no task loss"): sweeps the status of every job still open
 * until all are done or failed or the drain timeout passes, counts jobs completed more than once from the
 * completions log when the scenario names one, and classifies the rest as pending or lost.
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
    public JobsSummary settle(JobLedger ledger, JobChain chain, AccountingSpec accounting, Duration drainTimeout)
            throws InterruptedException, JobAccountingException {
        DrainSweep.Outcome swept = sweep.run(ledger, chain, drainTimeout);
        LOG.info("drain sweep: {} rounds, {} status polls ({} without usable answer), {} jobs still open",
                swept.rounds(), swept.requests(), swept.failedRequests(), swept.stillOpen());
        if (accounting.enabled()) {
            try {
                new CompletionsScan(accounting, redisTimeout, CompletionsScan.DEFAULT_PAGE, CompletionsScan.DEFAULT_MAX_IDS)
                        .scan(ledger::duplicated);
            } catch (JedisException | IllegalStateException e) {
                JobsSummary partial = ledger.settle(chain);
                throw new JobAccountingException("cannot read the completions log " + accounting.completionsKey()
                        + " to count duplicated jobs: " + e.getMessage(), partial, e);
            }
        }
        return ledger.settle(chain);
    }
}
