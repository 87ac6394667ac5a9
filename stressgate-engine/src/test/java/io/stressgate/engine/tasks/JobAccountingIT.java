package io.stressgate.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.scenario.AccountingSpec;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * Seed 004's worker-failure test, counted: a real status endpoint on loopback whose jobs end done, failed, still
 * queued, 404, stuck in "started", silent (500) or done only after a while, and a real Redis completions log in
 * which workers recorded a job twice.
 */
class JobAccountingIT {
    private static final int CONCURRENCY = 2;

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private HttpServer server;
    private TestRedis redis;

    /** How the status URL answers for one job: HTTP status, body, and from when (ms after start) it says done. */
    private record Reply(int code, String body, long doneAfterMs) {
        static Reply json(String body) {
            return new Reply(200, body, -1);
        }
    }

    static {
        // The JDK's test server writes headers and body separately; without TCP_NODELAY each reply waits for the
        // client's delayed ACK (40 ms), which would make the sweep look slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jobs/", this::status);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        redis = TestRedis.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        redis.close();
    }

    @Test
    void shouldCountEveryJobInItsBucketAfterTheDrainSweep() throws Exception {
        replies.put("j-done", Reply.json("{\"status\":\"done\"}"));
        replies.put("j-failed", Reply.json("{\"status\":\"failed\"}"));
        replies.put("j-queued", Reply.json("{\"status\":\"queued\"}"));
        replies.put("j-stuck", Reply.json("{\"status\":\"started\"}"));
        replies.put("j-silent", new Reply(500, "oops", -1));
        replies.put("j-late", new Reply(200, "{\"status\":\"running\"}", 600));
        replies.put("j-twice", Reply.json("{\"status\":\"done\",\"runs\":2}"));
        JobLedger ledger = new JobLedger();
        for (String id : new String[] {"j-done", "j-failed", "j-queued", "j-404", "j-stuck", "j-silent", "j-late",
                "j-twice", "j-dup"}) {
            ledger.submitted(id);
        }
        ledger.completed("j-dup", 250_000);
        ledger.unresolved("j-stuck", "started", false);
        ledger.unresolved("j-late", "queued", false);
        AccountingSpec spec = new AccountingSpec(redis.url(), "completions");
        CompletionsMark mark = accountant().mark(spec);
        try (Jedis j = redis.client()) {
            j.rpush("completions", "j-dup", "j-done", "j-twice", "j-dup", "j-late");
        }

        JobsSummary s = accountant().settle(ledger, chain("/runs"), spec, mark, Duration.ofSeconds(2));

        assertThat(s.submitted()).isEqualTo(9);
        assertThat(s.completed()).as("j-dup live; j-done, j-late, j-twice in the sweep").isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(1);
        assertThat(s.lost()).isEqualTo(3);
        assertThat(s.lostReasons()).containsExactlyInAnyOrderEntriesOf(Map.of(JobLedger.REASON_NOT_FOUND, 1L,
                "stuck in started", 1L, JobLedger.REASON_NO_STATUS, 1L));
        assertThat(s.lostIds()).containsExactlyInAnyOrder("j-404", "j-stuck", "j-silent");
        assertThat(s.duplicated()).as("j-dup from the completions list, j-twice from the completion count").isEqualTo(2);
        assertThat(s.latencyMs()).isNotNull();
        assertThat(maxInFlight.get()).isBetween(1, CONCURRENCY);
    }

    @Test
    void shouldCountNoLostAndNoDuplicatedJobsWhenEveryJobCompletesOnceInAStreamLog() throws Exception {
        JobLedger ledger = new JobLedger();
        AccountingSpec spec = new AccountingSpec(redis.url(), "done-log");
        CompletionsMark mark = accountant().mark(spec);
        try (Jedis j = redis.client()) {
            for (int i = 0; i < 2_500; i++) {
                String id = "job-" + i;
                ledger.submitted(id);
                replies.put(id, Reply.json("{\"status\":\"finished\",\"runs\":1}"));
                if (i % 2 == 0) {
                    ledger.completed(id, 1_000 + i);
                }
                j.xadd("done-log", StreamEntryID.NEW_ENTRY, Map.of("worker", "w1", "job_id", id));
            }
        }

        JobsSummary s = accountant().settle(ledger, chain("/runs"), spec, mark, Duration.ofSeconds(20));

        assertThat(s.completed()).isEqualTo(2_500);
        assertThat(s.lost()).isZero();
        assertThat(s.pending()).isZero();
        assertThat(s.duplicated()).isZero();
        assertThat(s.lostReasons()).isEmpty();
    }

    @Test
    void shouldRefuseToClaimNoDuplicatesWhenTheCompletionsLogCannotBeRead() throws Exception {
        JobLedger ledger = new JobLedger();
        ledger.submitted("a");
        ledger.completed("a", 5);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        AccountingSpec spec = new AccountingSpec("redis://127.0.0.1:" + closedPort + "/0", "completions");
        JobAccountingException e = catchThrowableOfType(JobAccountingException.class, () -> accountant().settle(ledger,
                chain(null), spec, accountant().mark(spec), Duration.ofSeconds(1)));

        assertThat(e).hasMessageContaining("completions");
        assertThat(e.partial().completed()).isEqualTo(1);
        assertThat(e.partial().lost()).isZero();
    }

    @Test
    void shouldNotLetAListLeftByAnEarlierRunCompleteOrDuplicateThisRunsJobs() throws Exception {
        AccountingSpec spec = new AccountingSpec(redis.url(), "completions");
        try (Jedis j = redis.client()) {
            j.rpush("completions", "j-1", "j-2", "j-3");
        }
        CompletionsMark mark = accountant().mark(spec);
        JobLedger ledger = reusedIds();
        try (Jedis j = redis.client()) {
            j.rpush("completions", "j-2");
        }

        JobsSummary s = accountant().settle(ledger, chain(null), spec, mark, Duration.ofSeconds(1));

        assertReusedIdsCounted(s);
    }

    @Test
    void shouldReadOnlyThisRunsEntriesOfAListWorkersPushAtItsHead() throws Exception {
        AccountingSpec spec = new AccountingSpec(redis.url(), "completions");
        try (Jedis j = redis.client()) {
            j.lpush("completions", "j-1", "j-2", "j-3");
        }
        CompletionsMark mark = accountant().mark(spec);
        JobLedger ledger = reusedIds();
        try (Jedis j = redis.client()) {
            j.lpush("completions", "j-2");
        }

        JobsSummary s = accountant().settle(ledger, chain(null), spec, mark, Duration.ofSeconds(1));

        assertReusedIdsCounted(s);
    }

    @Test
    void shouldReadOnlyThisRunsEntriesOfAStreamLeftByAnEarlierRun() throws Exception {
        AccountingSpec spec = new AccountingSpec(redis.url(), "done-log");
        try (Jedis j = redis.client()) {
            for (String id : new String[] {"j-1", "j-2", "j-3"}) {
                j.xadd("done-log", StreamEntryID.NEW_ENTRY, Map.of("job_id", id));
            }
        }
        CompletionsMark mark = accountant().mark(spec);
        JobLedger ledger = reusedIds();
        try (Jedis j = redis.client()) {
            j.xadd("done-log", StreamEntryID.NEW_ENTRY, Map.of("job_id", "j-2"));
        }

        JobsSummary s = accountant().settle(ledger, chain(null), spec, mark, Duration.ofSeconds(1));

        assertReusedIdsCounted(s);
    }

    @Test
    void shouldRefuseToCountWhenTheListWasTrimmedDuringTheRun() throws Exception {
        AccountingSpec spec = new AccountingSpec(redis.url(), "completions");
        try (Jedis j = redis.client()) {
            j.rpush("completions", "j-1", "j-2", "j-3");
        }
        CompletionsMark mark = accountant().mark(spec);
        JobLedger ledger = reusedIds();
        try (Jedis j = redis.client()) {
            j.rpush("completions", "j-2");
            j.ltrim("completions", 1, -1);
        }

        JobAccountingException e = catchThrowableOfType(JobAccountingException.class,
                () -> accountant().settle(ledger, chain(null), spec, mark, Duration.ofSeconds(1)));

        assertThat(e).hasMessageContaining("trimmed, cleared or rewritten during the run");
        assertThat(e.partial().lost()).as("without the log nothing is counted completed by it").isEqualTo(2);
    }

    /** This run reuses ids an earlier run logged: j-1 is never answered for, j-2 completes once (logged), j-3 live. */
    private static JobLedger reusedIds() {
        JobLedger ledger = new JobLedger();
        for (String id : new String[] {"j-1", "j-2", "j-3"}) {
            ledger.submitted(id);
        }
        ledger.completed("j-3", 1_000);
        ledger.unresolved("j-1", "started", false);
        ledger.unresolved("j-2", "started", false);
        return ledger;
    }

    private static void assertReusedIdsCounted(JobsSummary s) {
        assertThat(s.submitted()).isEqualTo(3);
        assertThat(s.lostIds()).as("j-1 is in the earlier run's entries only").containsExactly("j-1");
        assertThat(s.completed()).as("j-2 by this run's entry, j-3 live").isEqualTo(2);
        assertThat(s.duplicated()).as("j-2 was logged once in this run").isZero();
    }

    private JobAccountant accountant() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        return new JobAccountant(client, Clock.systemUTC(), CONCURRENCY, Duration.ofMillis(500));
    }

    private JobChain chain(String completionsPointer) {
        return TestChains.chain("http://127.0.0.1:" + server.getAddress().getPort(), completionsPointer);
    }

    private void status(HttpExchange exchange) throws IOException {
        try {
            // Counted until the answer is ready, not until it is sent: the client may send its next request as soon
            // as it has read this one, before this thread gets to count down.
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            TimeUnit.MILLISECONDS.sleep(5);
            inFlight.decrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String id = path.substring("/jobs/".length());
            Reply reply = replies.getOrDefault(id, new Reply(404, "{\"detail\":\"not found\"}", -1));
            long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
            String body = reply.doneAfterMs() >= 0 && elapsedMs >= reply.doneAfterMs() ? "{\"status\":\"done\"}"
                    : reply.body();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.code(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }
}
