package io.stressgate.cli.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stressgate.cli.FinishedRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The storm, worker-kill and Redis-outage examples against the stacks users run, from Debian's packages: a FastAPI
 * app on Uvicorn enqueueing on RQ, and a Flask app on Gunicorn in front of a Celery prefork pool, both on a real
 * Redis (apps in src/test/resources/stacks). Each run is the shaded jar in a JVM of its own, as a user or the
 * stressTest step starts it, and every figure it reports is checked against the queue's own counters in Redis:
 * RQ's registries and job hashes, Celery's result backend, and the completions list the tasks append to. The memory
 * examples (seed 004) check restarts against Celery's recycling, a leak's growth against the memory it keeps, and an
 * OOM kill against the counter of the memory cgroup the test made.
 * {@code ./test.sh} installs the packages; a machine without them fails here, it does not skip.
 */
class PythonStacksIT {
    private static final Path JAR = Path.of("target", "stressgate.jar").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples", "python-stacks").toAbsolutePath().normalize();
    private static final Path APPS = Path.of("src", "test", "resources", "stacks").toAbsolutePath();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(240);
    private static final String COOKIE_VARIABLE = "STRESSGATE_RUN";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private String cookie;
    private StackRedis redis;
    private Path cgroup;

    @BeforeAll
    static void theStacksAreInstalled() throws Exception {
        Process check = new ProcessBuilder(PYTHON.toString(), "-c",
                "import rq, celery, fastapi, uvicorn, gunicorn, flask, redis").redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0)
                .as("Debian's python3-rq, python3-celery, python3-fastapi, python3-uvicorn, python3-gunicorn and python3-flask"
                        + " under " + PYTHON + " (./test.sh installs them): " + out).isTrue();
        assertThat(StackRedis.SERVER).as("Debian's redis-server (./test.sh installs it)").isExecutable();
        assertThat(JAR).as("the shaded jar (mvn package builds it before failsafe runs)").isRegularFile();
    }

    @BeforeEach
    void startRedis() throws Exception {
        cookie = "python-stacks-it-" + UUID.randomUUID();
        redis = StackRedis.start(dir.resolve("redis"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        List<ProcessHandle> handles = new ArrayList<>();
        for (Process p : started) {
            p.descendants().forEach(handles::add);
            handles.add(p.toHandle());
        }
        withCookie().forEach(pid -> ProcessHandle.of(pid).ifPresent(handles::add));
        handles.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : handles) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
        redis.close();
        if (cgroup != null) {
            Files.deleteIfExists(cgroup); // empty once its processes ended: rmdir removes a cgroup
        }
    }

    @Test
    void rqStormCountsEveryJobAsRqsOwnRegistriesDo() throws Exception {
        FinishedRun run = run("rq-storm");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.results().path("verdict").asText()).isEqualTo("PASSED");
        assertThat(run.jobs().path("submitted").asLong()).isEqualTo(204).isEqualTo(redis.keys("rq:job:*").size());
        assertThat(run.jobs().path("completed").asLong()).isEqualTo(204)
                .isEqualTo(zcard("rq:finished:default")).isEqualTo(llen("stack:done"));
        assertThat(zcard("rq:failed:default")).isZero();
        assertThat(run.jobs().path("timeouts").asLong()).as("no job reached its own 90 s timeout").isZero();
        JsonNode queue = run.results().path("queues").path("default");
        assertThat(queue.path("maxDepth").asLong()).as("the storm's backlog").isGreaterThanOrEqualTo(50);
        assertThat(queue.path("drained").asBoolean()).isTrue();
        assertDrainMatchesRq(queue);
        assertThat(run.results().path("services")).hasSize(2);
        assertThat(run.service("workers").path("replicas")).hasSize(4);
        assertNoCookieLeft();
    }

    @Test
    void celeryStormCountsEveryTaskAsCelerysResultBackendDoes() throws Exception {
        FinishedRun run = run("celery-storm");

        assertThat(run.exitCode()).as(run.out()).isZero();
        Map<String, Long> states = celeryStates();
        assertThat(run.jobs().path("submitted").asLong()).isEqualTo(204);
        assertThat(run.jobs().path("completed").asLong()).isEqualTo(204)
                .isEqualTo(states.getOrDefault("SUCCESS", 0L)).isEqualTo(llen("stack:done"));
        assertThat(states.keySet()).containsOnly("SUCCESS");
        assertThat(run.jobs().path("timeouts").asLong()).isZero();
        JsonNode queue = run.results().path("queues").path("celery");
        assertThat(queue.path("maxDepth").asLong()).as("the storm's backlog").isGreaterThanOrEqualTo(50);
        assertThat(queue.path("drained").asBoolean()).isTrue();
        assertNoCookieLeft();
    }

    @Test
    void rqWorkHorseKilledMidJobFailsItsJobAndLeavesItsHelperBehind() throws Exception {
        FinishedRun run = run("rq-worker-kill");

        assertThat(run.exitCode()).as("FAILED: the findings\n" + run.out()).isEqualTo(1);
        assertThat(run.results().path("status").asText()).isEqualTo("COMPLETED");
        JsonNode kill = run.chaos("kill-9-mid-task");
        assertThat(kill.path("outcome").asText()).as(kill.toString()).isEqualTo("DONE");
        long horse = kill.path("targets").get(0).path("pid").asLong();
        List<Long> workers = StreamSupport.stream(run.service("workers").path("replicas").spliterator(), false)
                .map(r -> r.path("pid").asLong()).toList();
        assertThat(workers).as("the work horse, not an `rq worker` parent").doesNotContain(horse);
        assertThat(run.jobs().path("failed").asLong()).as("RQ fails the job whose horse died")
                .isEqualTo(1).isEqualTo(zcard("rq:failed:default"));
        assertThat(run.jobs().path("completed").asLong()).isEqualTo(29).isEqualTo(zcard("rq:finished:default"));
        assertThat(run.jobs().path("lost").asLong()).isZero();
        assertThat(run.results().path("orphans")).as("the killed job's helper").hasSize(1);
        assertThat(run.results().path("orphans").get(0).path("command").asText()).isEqualTo("sleep 3600");
        assertThat(run.service("workers").path("replicas")).allSatisfy(r -> assertThat(r.path("exitedMs").isNull()
                || r.path("exitCode").asInt() == 0).as(r.toString()).isTrue());
    }

    @Test
    void celeryPoolChildKilledMidTaskFailsItsTaskAndLeavesItsHelperBehind() throws Exception {
        FinishedRun run = run("celery-worker-kill");

        assertThat(run.exitCode()).as("FAILED: the findings\n" + run.out()).isEqualTo(1);
        JsonNode kill = run.chaos("kill-9-mid-task");
        assertThat(kill.path("outcome").asText()).as(kill.toString()).isEqualTo("DONE");
        long child = kill.path("targets").get(0).path("pid").asLong();
        assertThat(run.service("celery").path("replicas").get(0).path("pid").asLong())
                .as("a pool child, not Celery's main process").isNotEqualTo(child);
        Map<String, Long> states = celeryStates();
        assertThat(run.jobs().path("failed").asLong()).as("Celery fails the task whose child died (WorkerLostError)")
                .isEqualTo(1).isEqualTo(states.getOrDefault("FAILURE", 0L));
        assertThat(run.jobs().path("completed").asLong()).isEqualTo(29).isEqualTo(states.getOrDefault("SUCCESS", 0L));
        assertThat(run.results().path("orphans")).as("the killed task's helper").hasSize(1);
        assertThat(run.results().path("orphans").get(0).path("command").asText()).isEqualTo("sleep 3600");
    }

    @Test
    void rqRedisOutageAnswers503RecoversAndCountsTheJobsItsDeadWorkersHeldAsRqDoes() throws Exception {
        FinishedRun run = run("rq-redis-outage");

        assertOutageHandled(run);
        JsonNode jobs = run.jobs();
        // An RQ worker dies with its Redis connection; the job it was running stays in the started registry with no
        // worker behind it: lost, as RQ's own registry shows, and never a PASSED run. Unless the outage fell between
        // the job's last write and RQ's bookkeeping: its work is done (its completion is in the app's own list, which
        // the run reads too) though RQ still shows it started, and the run counts it completed (seen once in 3 CI runs today).
        List<String> started = zrange("rq:wip:default");
        List<String> done = lrange("stack:done");
        long startedButDone = started.stream().filter(done::contains).count();
        assertThat(jobs.path("completed").asLong()).isEqualTo(zcard("rq:finished:default") + startedButDone)
                .isEqualTo(done.size());
        assertThat(jobs.path("completedByLog").asLong()).as("read from the completions list").isGreaterThanOrEqualTo(startedButDone);
        assertThat(jobs.path("failed").asLong()).isEqualTo(zcard("rq:failed:default"));
        assertThat(jobs.path("lost").asLong()).as("jobs left in rq:wip:default, their work not done")
                .isEqualTo(started.size() - startedButDone);
        assertThat(jobs.path("submitted").asLong()).isEqualTo(redis.keys("rq:job:*").size()).isEqualTo(
                jobs.path("completed").asLong() + jobs.path("failed").asLong() + jobs.path("lost").asLong() + jobs.path("pending").asLong());
        assertThat(run.service("workers").path("replicas")).as("RQ workers die with Redis; their supervisor restarts them")
                .anySatisfy(r -> assertThat(r.path("restarts").asInt()).isPositive());
        if (jobs.path("lost").asLong() > 0) {
            assertThat(run.results().path("verdict").asText()).isEqualTo("FAILED");
        }
    }

    @Test
    void celeryRedisOutageAnswers503AndCountsWhatCeleryKeptAsItsBackendDoes() throws Exception {
        FinishedRun run = run("celery-redis-outage");

        assertOutageHandled(run);
        JsonNode jobs = run.jobs();
        Map<String, Long> states = celeryStates();
        assertThat(jobs.path("completed").asLong()).isEqualTo(states.getOrDefault("SUCCESS", 0L)).isEqualTo(llen("stack:done"));
        assertThat(jobs.path("failed").asLong()).as("tasks whose result could not be stored while Redis was down")
                .isEqualTo(states.getOrDefault("FAILURE", 0L));
        // Celery 5.2 may stop consuming after its broker connection drops several times in a row (celery#8030):
        // what it left in the queue is still queued (pending), and the queue did not drain.
        JsonNode queue = run.results().path("queues").path("celery");
        assertThat(queue.path("finalDepth").asLong()).as("the celery list at the end").isEqualTo(llen("celery"));
        assertThat(jobs.path("submitted").asLong()).isEqualTo(
                jobs.path("completed").asLong() + jobs.path("failed").asLong() + jobs.path("lost").asLong() + jobs.path("pending").asLong());
        if (llen("celery") > 0) {
            assertThat(queue.path("drained").asBoolean()).isFalse();
            assertThat(run.results().path("verdict").asText()).isEqualTo("FAILED");
        }
    }

    @Test
    void celeryPoolRecycledEveryTenTasksShowsAboutTwentyRestartsOnePerRetiredChild() throws Exception {
        FinishedRun run = run("celery-recycling");

        assertThat(run.results().path("status").asText()).as(run.out()).isEqualTo("COMPLETED");
        JsonNode pool = run.results().path("processes").path("pool");
        System.out.printf("python stack celery-recycling: pool restarts %s deaths %s pids seen %s oom %s%n",
                pool.path("restarts"), pool.path("deaths"), pool.path("pidsSeen"), pool.path("oomKills"));
        assertThat(run.jobs().path("completed").asLong()).isEqualTo(200).isEqualTo(llen("stack:done"));
        // 200 tasks, 10 per child: 20 children retire and are replaced (the last few may retire after the load ends)
        assertThat(pool.path("restarts").asLong()).as(pool.toString()).isBetween(17L, 21L);
        assertThat(pool.path("pidsSeen").asLong()).as("the main process, 4 children and one per restart")
                .isEqualTo(5 + pool.path("restarts").asLong());
        assertThat(pool.path("pidList")).hasSize((int) pool.path("pidsSeen").asLong());
        assertThat(pool.path("pidList")).allSatisfy(p -> assertThat(p.path("peakRssBytes").asLong()).isPositive());
        assertThat(pool.path("oomKills").path("count").asLong()).isZero();
        assertThat(run.results().path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    void celeryTaskLeakingAMebibytePerCallReadsGrowingAndTheSameTasksWithoutTheLeakStable() throws Exception {
        FinishedRun leak = run("celery-leak", "KIND=leak");
        JsonNode leaking = leak.results().path("processes").path("celery").path("rssGrowth");
        System.out.printf("python stack celery-leak KIND=leak: %s%n", leaking.toString().replaceAll(",\"curve\":\\[.*\\]", ""));
        redis.close();
        redis = StackRedis.start(dir.resolve("redis-stable"));
        FinishedRun stable = run("celery-leak", "KIND=short");
        JsonNode flat = stable.results().path("processes").path("celery").path("rssGrowth");
        System.out.printf("python stack celery-leak KIND=short: %s%n", flat.toString().replaceAll(",\"curve\":\\[.*\\]", ""));

        assertThat(leak.jobs().path("completed").asLong()).isEqualTo(160);
        assertThat(leaking.path("verdict").asText()).as(leaking.toString()).isEqualTo("growing");
        // 4 tasks a second keeping 1 MiB each: 240 MiB a minute, in the children's RSS
        assertThat(leaking.path("bytesPerMinute").asDouble() / (1 << 20)).isBetween(150.0, 300.0);
        assertThat(leak.gateHeld("process{name=celery}.rss_growth < 10MB/min")).isFalse();
        assertThat(leak.results().path("verdict").asText()).isEqualTo("FAILED");
        assertThat(stable.jobs().path("completed").asLong()).isEqualTo(160);
        assertThat(flat.path("verdict").asText()).as(flat.toString()).isEqualTo("stable");
        assertThat(stable.gateHeld("process{name=celery}.rss_growth < 10MB/min")).isTrue();
        assertThat(stable.results().path("verdict").asText()).isEqualTo("PASSED");
    }

    @Test
    void celeryWorkerInAMemoryLimitedCgroupIsOomKilledAndCountedFromTheCgroupsCounter() throws Exception {
        Path procs = limitedCgroup(64L << 20);

        FinishedRun run = run("celery-oom", "CGROUP_PROCS=" + procs);

        JsonNode celery = run.results().path("processes").path("celery");
        System.out.printf("python stack celery-oom: oomKills %s; cgroup %s%n", celery.path("oomKills"),
                Files.readString(procs.resolveSibling("memory.oom_control")).replace('\n', ' '));
        long counter = Files.readAllLines(procs.resolveSibling("memory.oom_control")).stream()
                .filter(l -> l.startsWith("oom_kill ")).mapToLong(l -> Long.parseLong(l.substring(9).trim()))
                .findFirst().orElseThrow();
        assertThat(counter).as("the kernel's own count in the test's cgroup").isPositive();
        assertThat(celery.path("oomKills").path("count").asLong()).isEqualTo(counter);
        assertThat(celery.path("oomKills").path("source").asText()).isEqualTo("cgroup v1 memory.oom_control");
        assertThat(run.jobs().path("failed").asLong()).as("Celery fails the task whose child the kernel killed").isPositive();
        assertThat(run.gateHeld("process{name=celery}.oom_kills == 0")).isFalse();
        assertThat(run.results().path("verdict").asText()).isEqualTo("FAILED");
    }

    /**
     * A cgroup v1 memory group of the test's own, below the memory cgroup this JVM is in, limited to {@code bytes};
     * its cgroup.procs. Skips, saying why, where no cgroup v1 memory controller is mounted writable.
     */
    private Path limitedCgroup(long bytes) throws IOException {
        Path mount = Path.of("/sys/fs/cgroup/memory");
        String own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().map(l -> l.split(":", 3))
                .filter(f -> f.length == 3 && java.util.Arrays.asList(f[1].split(",")).contains("memory"))
                .map(f -> f[2]).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(own != null && Files.isRegularFile(mount.resolve("memory.limit_in_bytes")),
                "skipped: no cgroup v1 memory controller at " + mount + " (this machine's /proc/self/cgroup has no memory line)");
        Path group = mount.resolve(own.replaceFirst("^/+", "")).resolve("stressgate-oom-" + UUID.randomUUID());
        try {
            Files.createDirectory(group);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("skipped: the cgroup v1 memory controller at " + mount
                    + " is not writable here: " + e);
        }
        cgroup = group;
        Files.writeString(group.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        return group.resolve("cgroup.procs");
    }

    private void assertOutageHandled(FinishedRun run) throws Exception {
        assertThat(run.results().path("status").asText()).as(run.out()).isEqualTo("COMPLETED");
        JsonNode outage = run.chaos("redis-outage");
        assertThat(outage.path("outcome").asText()).as(outage.toString()).isEqualTo("DONE");
        assertThat(outage.path("recoveredAfterMs").isNumber()).as("a recovery time: " + outage).isTrue();
        assertThat(run.load("submit").path("status").path("503").asLong()).as("503 while Redis is down").isPositive();
        assertThat(run.load("submit").path("status").has("500")).as("never 500").isFalse();
        assertThat(run.load("all").path("timeouts").asLong()).as("no hung request").isZero();
        assertThat(run.jobs().path("submitted").asLong()).as("jobs accepted before, during and after the outage").isGreaterThan(50);
        assertThat(redis.restoredPid()).as("the restore started Redis again").isPresent();
        assertNoCookieLeft();
    }

    /**
     * The queue emptied when RQ started its last job: from the last submission (the newest enqueued_at) to then is
     * the drain time the run must report, within the 100 ms sampling and a second of clock granularity.
     */
    private void assertDrainMatchesRq(JsonNode queue) {
        double lastEnqueued = 0;
        double lastStarted = 0;
        try (Jedis j = redis.client()) {
            for (String key : redis.keys("rq:job:*")) {
                lastEnqueued = Math.max(lastEnqueued, epochSeconds(j.hget(key, "enqueued_at")));
                lastStarted = Math.max(lastStarted, epochSeconds(j.hget(key, "started_at")));
            }
        }
        double rqDrain = lastStarted - lastEnqueued;
        assertThat(queue.path("drainMs").asDouble() / 1000.0).as("drain time against RQ's own timestamps (%.3f s)", rqDrain)
                .isBetween(rqDrain - 1.0, rqDrain + 1.0);
    }

    private static double epochSeconds(String rqTime) {
        return rqTime == null || rqTime.isEmpty() ? 0 : java.time.LocalDateTime.parse(rqTime.replace("Z", ""))
                .toInstant(java.time.ZoneOffset.UTC).toEpochMilli() / 1000.0;
    }

    private Map<String, Long> celeryStates() throws IOException {
        JsonMapper json = new JsonMapper();
        List<String> keys = redis.keys("celery-task-meta-*");
        try (Jedis j = redis.client()) {
            List<String> states = new ArrayList<>();
            for (String key : keys) {
                states.add(json.readTree(j.get(key)).path("status").asText());
            }
            return states.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        }
    }

    /** What RQ's registries, Celery's result backend and the completions list hold, for the log beside the run's figures. */
    private String queueCounters() throws IOException {
        return "rq jobs=" + redis.keys("rq:job:*").size() + " finished=" + zcard("rq:finished:default")
                + " failed=" + zcard("rq:failed:default") + " started=" + zcard("rq:wip:default")
                + " queued=" + llen("rq:queue:default") + "; celery states=" + celeryStates() + " queued=" + llen("celery")
                + "; completions=" + llen("stack:done");
    }

    private long zcard(String key) {
        try (Jedis j = redis.client()) {
            return j.zcard(key);
        }
    }

    private long llen(String key) {
        try (Jedis j = redis.client()) {
            return j.llen(key);
        }
    }

    private List<String> zrange(String key) {
        try (Jedis j = redis.client()) {
            return j.zrange(key, 0, -1);
        }
    }

    private List<String> lrange(String key) {
        try (Jedis j = redis.client()) {
            return j.lrange(key, 0, -1);
        }
    }

    private FinishedRun run(String scenario, String... vars) throws Exception {
        Path out = dir.resolve(scenario + String.join("-", vars).replaceAll("[^A-Za-z0-9=-]", ""));
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "run", EXAMPLES.resolve(scenario + ".yml").toString(), "--out", out.toString(), "--progress", "plain",
                "--var", "PYTHON=" + PYTHON, "--var", "APP_DIR=" + APPS, "--var", "REDIS_PORT=" + redis.port(),
                "--var", "API_PORT=" + freePort(), "--var", "DATA_DIR=" + redis.dir(),
                "--var", "REDIS_SERVER=" + StackRedis.SERVER, "--var", "REDIS_CLI=" + StackRedis.CLI));
        for (String v : vars) {
            argv.addAll(List.of("--var", v));
        }
        Path log = out.resolveSibling(out.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(COOKIE_VARIABLE, cookie);
        long start = System.nanoTime();
        Process p = builder.start();
        started.add(p);
        boolean ended = p.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("stressgate run " + scenario + " ended within " + RUN_LIMIT + ":\n" + text).isTrue();
        System.out.printf("python stack %s: exit %d after %.1f s%n", scenario, p.exitValue(), (System.nanoTime() - start) / 1e9);
        JsonNode results = new JsonMapper().readTree(out.resolve("results.json").toFile());
        System.out.printf("python stack %s: jobs %s%n", scenario, results.path("jobs").toString().replaceAll("\"histogram\":\"[^\"]*\",?", ""));
        System.out.printf("python stack %s: the queue's own counters: %s%n", scenario, queueCounters());
        System.out.printf("python stack %s: chaos %s; orphans %s%n", scenario, results.path("chaos"), results.path("orphans"));
        return new FinishedRun(p.exitValue(), text, results, out);
    }

    /** Every process that carried the run's cookie is gone but the planted helpers, which the test ends by pid. */
    private void assertNoCookieLeft() {
        assertThat(withCookie()).as("processes of the run left behind").isEmpty();
    }

    private List<Long> withCookie() {
        List<Long> pids = new ArrayList<>();
        io.stressgate.engine.process.ProcFs proc = io.stressgate.engine.process.ProcFs.system();
        for (long pid : proc.pids()) {
            if (proc.environ(pid, java.util.Set.of(COOKIE_VARIABLE)).containsValue(cookie)) {
                pids.add(pid);
            }
        }
        return pids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
