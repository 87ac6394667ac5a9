package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestRedis;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Issue 10's job ledgers, end to end: two shards of one scenario submit jobs to a real job API on loopback whose
 * workers append every finished job to a real Redis completions log. The status URL of the second shard's jobs
 * never says done (a status API that lags), so that shard alone counts them lost; only the primary reads the log.
 * The merge must count them completed, except the jobs no worker ever logged, which stay lost, and decide the job
 * gate once on that.
 */
class ShardedJobsIT {
    private static final String SCENARIO = """
            name: sharded jobs
            target: ${TARGET}
            redis: ${REDIS}
            jobs: {completions: done-log}
            options: {drainTimeout: 1s, warmup: false}
            load:
              - name: users
                executor: constant-vus
                vus: 6
                duration: 2s
                job:
                  submit: {name: create, method: POST, path: "/jobs?vu={{vu}}", expect: [201]}
                  id: /id
                  poll: {name: poll, path: "/jobs/{{id}}"}
                  every: 50ms
                  status: /data/status
                  done: [finished]
                  pending: [queued]
                  timeout: 300ms
            gates: ["jobs.lost == 0", "jobs.completed > 0"]
            """;

    @TempDir
    Path dir;

    /** Jobs by id: which shard submitted it (odd vu ids are shard 1's of 2) and whether a worker logged it. */
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private TestRedis redis;

    private record Job(int shard, boolean logged) {
    }

    @Test
    void shouldCountJobsCompletedThatOnlyThePrimarysCompletionsLogSawDone() throws Exception {
        redis = TestRedis.start();
        try (TestRedis r = redis; TestTarget api = TestTarget.start(this::handle, 16)) {
            Map<String, String> vars = Map.of("TARGET", api.url(), "REDIS", r.url());
            // Both shards start their load at one instant, as --start-at makes them: the primary notes where the
            // completions log ends before that, and counts only what is logged after it.
            Instant startAt = Instant.now().plusSeconds(4);
            CompletableFuture<RunResults> secondRun = CompletableFuture.supplyAsync(() -> runShard(vars, 2, startAt));
            RunResults primary = runShard(vars, 1, startAt);
            RunResults second = secondRun.get(60, TimeUnit.SECONDS);
            RunResults merged = new ShardMerger().merge(ShardSet.read(List.of(write("s1", primary), write("s2", second)),
                    new ResultsReader()));

            long secondsJobs = count(2, null);
            long unlogged = count(2, false);
            System.out.printf("[ShardedJobsIT] shard 2: %d jobs (%d never logged), counted lost %d; primary: %d jobs; "
                    + "merge: completed %d (%d per the log), lost %d; primary's job timeouts %d%n", secondsJobs, unlogged,
                    second.jobs().lost(), count(1, null), merged.jobs().completed(), merged.jobs().completedByLog(),
                    merged.jobs().lost(), primary.jobs().timeouts());
            assertThat(secondsJobs).as("shard 2 submitted jobs").isGreaterThan(3);
            assertThat(unlogged).as("some of them no worker logged").isPositive();
            assertThat(second.jobs().lost()).as("alone, shard 2 counts every job of its own lost").isEqualTo(secondsJobs);
            assertThat(second.jobs().ledger().open()).extracting(ShardLedger.OpenJob::id)
                    .containsExactlyInAnyOrderElementsOf(ids(2, null));
            assertThat(second.jobs().ledger().completions()).as("shard 2 never read the log").isNull();
            assertThat(primary.jobs().ledger().completions().recorded()).isTrue();
            assertThat(primary.jobs().ledger().completions().distinct()).isEqualTo(jobs.size() - unlogged);
            assertThat(primary.jobs().lost()).isZero();

            assertThat(merged.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(merged.jobs().submitted()).isEqualTo(jobs.size());
            // the primary's own log rescues: jobs of its own whose polls timed out and the sweep did not see done
            assertThat(merged.jobs().completedByLog()).isEqualTo(secondsJobs - unlogged + primary.jobs().completedByLog());
            assertThat(merged.jobs().completed()).isEqualTo(jobs.size() - unlogged);
            assertThat(merged.jobs().lost()).isEqualTo(unlogged);
            assertThat(merged.jobs().lostIds()).containsExactlyInAnyOrderElementsOf(ids(2, false).stream().limit(20).toList());
            assertThat(merged.jobs().lostReasons()).containsExactly(Map.entry("stuck in started", unlogged));
            // a poll slower than the job's 300 ms timeout (a loaded machine) makes a timeout that completes untimed later
            assertThat(Histograms.decode(merged.jobs().histogram()).getTotalCount())
                    .as("only the polled completions are timed").isEqualTo(count(1, null) - primary.jobs().timeouts());
            assertThat(merged.jobs().ledger()).isNull();
            assertThat(gate(merged, "jobs.lost == 0").passed()).as("the jobs nobody logged break the gate once").isFalse();
            assertThat(gate(merged, "jobs.lost == 0").actual()).isEqualTo((double) unlogged);
            assertThat(merged.verdict()).isEqualTo(Verdict.FAILED);
        }
    }

    private RunResults runShard(Map<String, String> vars, int index, Instant startAt) {
        try {
            Scenario scenario = new ScenarioLoader(Variables.of(vars), ScenarioLimits.DEFAULTS)
                    .parse("sharded-jobs.yml", SCENARIO, Path.of("."));
            Scenario share = ShardPlanner.plan(scenario, new ShardRole(index, 2, "jobs", 1));
            Path out = Files.createDirectories(dir.resolve("run-" + index));
            return new StressRunner(Clock.systemUTC(), new RunSettings("cookie-" + index, out, 1).startingAt(startAt))
                    .start(share, LoadListener.NONE).await();
        } catch (Exception e) {
            throw new IllegalStateException("shard " + index + " failed to run", e);
        }
    }

    private Path write(String name, RunResults r) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        ResultsJson.write(r, d.resolve("results.json"));
        return d;
    }

    private long count(int shard, Boolean logged) {
        return ids(shard, logged).size();
    }

    private List<String> ids(int shard, Boolean logged) {
        List<String> out = new ArrayList<>();
        jobs.forEach((id, j) -> {
            if (j.shard() == shard && (logged == null || j.logged() == logged)) {
                out.add(id);
            }
        });
        return out;
    }

    private static GateResult gate(RunResults r, String expression) {
        return r.gates().stream().filter(g -> g.expression().equals(expression)).findFirst().orElseThrow();
    }

    /**
     * POST /jobs?vu=N: a job of shard 1 (odd N) or 2 (even N); its worker logs it done at once, except every third
     * job of shard 2, which no worker ever finishes. GET /jobs/{id}: finished for shard 1's jobs; "started" for
     * shard 2's, whatever the log says.
     */
    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/jobs")) {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            int vu = Integer.parseInt(query.substring(query.indexOf('=') + 1));
            long n = ids.incrementAndGet();
            String id = "J-" + n;
            int shard = vu % 2 == 1 ? 1 : 2;
            boolean logged = shard == 1 || n % 3 != 0;
            jobs.put(id, new Job(shard, logged));
            if (logged) {
                try (Jedis j = redis.client()) {
                    j.rpush("done-log", id);
                }
            }
            TestTarget.reply(exchange, 201, "{\"id\":\"" + id + "\"}");
            return;
        }
        Job job = jobs.get(path.substring(path.lastIndexOf('/') + 1));
        if (job == null) {
            TestTarget.reply(exchange, 404, "{\"error\":\"no such job\"}");
        } else {
            TestTarget.reply(exchange, 200, "{\"data\":{\"status\":\"" + (job.shard() == 1 ? "finished" : "started") + "\"}}");
        }
    }
}
