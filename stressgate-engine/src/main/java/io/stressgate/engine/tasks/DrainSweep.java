package io.stressgate.engine.tasks;

import io.stressgate.engine.scenario.JobChain;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the load, polls the status URL of every job the ledger still holds, round after round (one round per
 * {@code pollEvery}), until no job is open or the drain timeout passes. At most {@code concurrency} requests are
 * in flight; each is bounded by the poll request's timeout and by the time left. Done and failed jobs leave the
 * ledger; the others keep their last status for {@link JobLedger#settle}. A completion count above one marks the
 * job duplicated.
 */
public final class DrainSweep {
    private static final Logger LOG = LoggerFactory.getLogger(DrainSweep.class);
    private static final long DEFAULT_MAX_BODY = 1 << 20;

    private final HttpClient client;
    private final Clock clock;
    private final int concurrency;

    /** What a sweep did: rounds, requests sent, requests that got no usable answer, and whether jobs stayed open. */
    public record Outcome(int rounds, long requests, long failedRequests, int stillOpen) {
    }

    public DrainSweep(HttpClient client, Clock clock, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("sweep concurrency must be at least 1, was " + concurrency);
        }
        this.client = client;
        this.clock = clock;
        this.concurrency = concurrency;
    }

    /** Sweeps until every job is done or failed, or {@code drainTimeout} passes. */
    public Outcome run(JobLedger ledger, JobChain chain, Duration drainTimeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(drainTimeout);
        PollRequests requests = new PollRequests(chain.poll());
        AtomicLong sent = new AtomicLong();
        AtomicLong failedRequests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "stressgate-drain-sweep");
            t.setDaemon(true);
            return t;
        });
        int rounds = 0;
        try {
            while (ledger.outstandingCount() > 0 && clock.instant().isBefore(deadline)) {
                rounds++;
                round(ledger, chain, requests, deadline, pool, sent, failedRequests);
                Duration left = Duration.between(clock.instant(), deadline);
                if (ledger.outstandingCount() == 0 || left.compareTo(chain.pollEvery()) <= 0) {
                    break;
                }
                Thread.sleep(chain.pollEvery().toMillis());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(rounds, sent.get(), failedRequests.get(), ledger.outstandingCount());
    }

    private void round(JobLedger ledger, JobChain chain, PollRequests requests, Instant deadline, ExecutorService pool,
                       AtomicLong sent, AtomicLong failedRequests) throws InterruptedException {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ledger.forEachOutstanding(ids::add);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(concurrency, ids.size()); i++) {
            workers.add(pool.submit(() -> {
                String id;
                while ((id = ids.poll()) != null && clock.instant().isBefore(deadline)) {
                    sent.incrementAndGet();
                    if (!poll(ledger, chain, requests, id, deadline)) {
                        failedRequests.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the drain sweep failed while polling job status", e.getCause());
            }
        }
    }

    /** Polls one job and tells the ledger; false when the request got no usable answer. */
    private boolean poll(JobLedger ledger, JobChain chain, PollRequests requests, String id, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        Duration timeout = chain.poll().timeout() == null || chain.poll().timeout().compareTo(left) > 0 ? left
                : chain.poll().timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            return false;
        }
        StatusReply reply;
        try {
            HttpResponse<InputStream> response = client.send(requests.request(id, timeout),
                    HttpResponse.BodyHandlers.ofInputStream());
            reply = StatusReply.of(response.statusCode(), capped(response.body(), chain.poll().maxResponseBytes()),
                    chain.statusPointer(), chain.completionsPointer());
        } catch (IOException e) {
            LOG.debug("status poll of job {} failed: {}", id, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        record(ledger, chain, id, reply);
        return reply != StatusReply.NOTHING;
    }

    private static void record(JobLedger ledger, JobChain chain, String id, StatusReply reply) {
        if (reply.completions() > 1) {
            ledger.duplicated(id);
        }
        if (reply.status() != null && chain.done().contains(reply.status())) {
            ledger.completedLate(id, System.nanoTime());
        } else if (reply.status() != null && chain.failed().contains(reply.status())) {
            ledger.failedLate(id, reply.status());
        } else {
            ledger.polled(id, reply.status(), reply.notFound());
        }
    }

    /** The body, or null when it is larger than the request allows (a size cap, as the load generator has). */
    private static byte[] capped(InputStream body, long maxBytes) throws IOException {
        long cap = maxBytes > 0 ? maxBytes : DEFAULT_MAX_BODY;
        try (body) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            return bytes.length > cap ? null : bytes;
        }
    }
}
