package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.Samples;
import io.stressgate.engine.scenario.MetricRef;
import io.stressgate.engine.scenario.QueueSpec;
import io.stressgate.engine.testing.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

class QueueSamplerIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final WatchedProcesses NO_PROCESSES = Map::of;

    private TestRedis redis;

    @TempDir
    Path dir;

    @BeforeEach
    void startRedis() throws Exception {
        redis = TestRedis.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void shouldSampleListRqCeleryAndStreamQueuesFromTheirRealKeyLayouts() throws Exception {
        try (Jedis j = redis.client()) {
            j.rpush("jobs", "a", "b", "c");
            j.sadd("rq:queues", "rq:queue:default");
            j.rpush("rq:queue:default", "j1", "j2", "j3", "j4", "j5");
            j.zadd("rq:wip:default", Map.of("j6", 1e12, "j7", 1e12));
            j.zadd("rq:failed:default", Map.of("j8", 1e12));
            j.zadd("rq:finished:default", Map.of("j9", 1e12, "j10", 1e12, "j11", 1e12, "j12", 1e12));
            j.rpush("celery", "t1", "t2");
            j.rpush("celery\u0006\u00163", "t3");
            j.rpush("celery\u0006\u00169", "t4", "t5", "t6", "t7");
            j.hset("unacked", Map.of("tag1", "{}", "tag2", "{}", "tag3", "{}"));
            for (int i = 0; i < 5; i++) {
                j.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("job", "e" + i));
            }
            j.xgroupCreate("events", "workers", new StreamEntryID(0, 0), false);
            j.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().count(2),
                    Map.of("events", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        }
        List<QueueSpec> queues = List.of(queue("jobs", QueueSpec.Type.LIST, "jobs", null),
                queue("default", QueueSpec.Type.RQ, "rq:queue:default", null),
                queue("celery", QueueSpec.Type.CELERY, "celery", null),
                queue("events", QueueSpec.Type.STREAM, "events", "workers"));
        Path csv = dir.resolve("metrics.csv");

        MonitorReport report;
        try (Monitor monitor = monitor(queues, csv, false)) {
            monitor.start(Clock.systemUTC().instant());
            await(() -> monitor.metrics().value(depth("events")) instanceof MetricValue.Present, Duration.ofSeconds(5));
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(monitor.metrics().value(depth("default"))).isEqualTo(MetricValue.of(5));
            report = monitor.stop();
        }

        long streamDepth = redis.majorVersion() >= 7 ? 3 : 5;
        assertThat(report.queues()).extractingByKeys("jobs", "default", "celery", "events")
                .extracting(QueueSummary::maxDepth).containsExactly(3L, 5L, 7L, streamDepth);
        assertThat(report.queues().get("default").type()).isEqualTo("rq");
        Map<String, Double> last = lastRow(report.samples());
        assertThat(last).containsEntry("queue.default.started", 2.0).containsEntry("queue.default.failed", 1.0)
                .containsEntry("queue.default.finished", 4.0).containsEntry("queue.celery.unacked", 3.0)
                .containsEntry("queue.events.length", 5.0).containsEntry("queue.events.pending", 2.0)
                .containsEntry("queue.events.depth", (double) streamDepth);
        assertThat(last.get("redis.used_memory")).isPositive();
        assertThat(last.get("redis.connected_clients")).isGreaterThanOrEqualTo(1);
        assertThat(report.queues().values()).allSatisfy(q -> assertThat(q.gaps()).isEmpty());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("t,queue.jobs.depth,");
        assertThat(report.csvRows()).isEqualTo(lines.size() - 1).isGreaterThan(3);
    }

    @Test
    void shouldRecordAGapAndReconnectWhenRedisIsKilledMidSampling() throws Exception {
        List<QueueSpec> queues = List.of(queue("jobs", QueueSpec.Type.LIST, "jobs", null));
        MonitorReport report;
        try (Monitor monitor = monitor(queues, null, true)) {
            try (Jedis j = redis.client()) {
                j.rpush("jobs", "a", "b");
            }
            monitor.start(Clock.systemUTC().instant());
            await(() -> monitor.metrics().value(depth("jobs")).equals(MetricValue.of(2)), Duration.ofSeconds(5));

            redis.kill();
            await(() -> monitor.metrics().value(depth("jobs")) instanceof MetricValue.Missing, Duration.ofSeconds(5));
            TimeUnit.MILLISECONDS.sleep(1_000);
            redis.restart();
            try (Jedis j = redis.client()) {
                j.rpush("jobs", "x", "y", "z", "w");
            }
            await(() -> monitor.metrics().value(depth("jobs")).equals(MetricValue.of(4)), Duration.ofSeconds(10));
            report = monitor.stop();
        }

        QueueSummary q = report.queues().get("jobs");
        assertThat(q.gaps()).hasSize(1);
        QueueSummary.Gap gap = q.gaps().get(0);
        assertThat(gap.toMs() - gap.fromMs()).isGreaterThanOrEqualTo(900);
        assertThat(gap.reason()).as("the reason names the server, never its password")
                .startsWith("127.0.0.1:" + redis.port() + "/0: ");
        assertThat(q.maxDepth()).isEqualTo(4);
        List<List<Double>> rows = report.samples().rows();
        int depth = report.samples().columns().indexOf("queue.jobs.depth");
        int cpu = report.samples().columns().indexOf("cpu_pct");
        List<List<Double>> gapRows = rows.stream().filter(r -> r.get(depth) == null && r.get(cpu) != null).toList();
        assertThat(gapRows).as("machine samples go on at 10 Hz while Redis is down, with empty queue cells")
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(ResultsJson.toJson(report.samples())).as("gaps are JSON nulls").contains(" null,").doesNotContain("NaN");
    }

    @Test
    void shouldKeepTheScheduleWhenRedisAcceptsButNeverAnswers() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> acceptForever(silent, accepted), "silent-redis");
        try {
            acceptor.setDaemon(true);
            acceptor.start();
            QueueSpec hung = new QueueSpec("hung", "redis://127.0.0.1:" + silent.getLocalPort() + "/0",
                    QueueSpec.Type.LIST, "jobs", null, Duration.ofSeconds(1), null);
            MonitorReport report;
            try (Monitor monitor = monitor(List.of(hung), null, true)) {
                monitor.start(Clock.systemUTC().instant());
                TimeUnit.MILLISECONDS.sleep(2_000);
                report = monitor.stop();
            }
            Samples samples = report.samples();
            int cpu = samples.columns().indexOf("mem_used_bytes");
            long machineRows = samples.rows().stream().filter(r -> r.get(cpu) != null).count();
            assertThat(machineRows).as("the machine was sampled about 20 times in 2 s").isBetween(15L, 22L);
            assertThat(report.queues().get("hung").samples()).isZero();
            assertThat(report.queues().get("hung").gaps()).singleElement()
                    .satisfies(g -> assertThat(g.reason()).containsIgnoringCase("timed out"));
        } finally {
            silent.close();
            acceptor.join(5_000);
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void shouldMeasureDrainTimeAgainstAListTheTestDrainsAndNoDrainForAStuckQueue() throws Exception {
        try (Jedis j = redis.client()) {
            for (int i = 0; i < 50; i++) {
                j.rpush("work", "job-" + i);
            }
            j.rpush("stuck", "never");
        }
        List<QueueSpec> queues = List.of(queue("work", QueueSpec.Type.LIST, "work", null),
                new QueueSpec("stuck", redis.url(), QueueSpec.Type.LIST, "stuck", null, Duration.ofMillis(800), null));
        MonitorReport report;
        long drainedAfterMs;
        try (Monitor monitor = monitor(queues, null, false); Jedis worker = redis.client()) {
            monitor.start(Clock.systemUTC().instant());
            await(() -> monitor.metrics().value(depth("work")).equals(MetricValue.of(50)), Duration.ofSeconds(5));
            monitor.loadEnded();
            long loadEnd = System.nanoTime();
            for (int batch = 0; batch < 10 && worker.llen("work") > 0; batch++) {
                TimeUnit.MILLISECONDS.sleep(100);
                worker.lpop("work", 5);
            }
            drainedAfterMs = (System.nanoTime() - loadEnd) / 1_000_000;
            assertThat(monitor.awaitDrained(Duration.ofSeconds(5))).isTrue();
            assertThat(monitor.metrics().value(new MetricRef("queue", Map.of("name", "work"), "drain")))
                    .isInstanceOf(MetricValue.Present.class);
            report = monitor.stop();
        }

        QueueSummary work = report.queues().get("work");
        assertThat(work.drained()).isTrue();
        assertThat(work.drainMs()).isBetween(drainedAfterMs - 50, drainedAfterMs + 300);
        assertThat(work.finalDepth()).isZero();
        QueueSummary stuck = report.queues().get("stuck");
        assertThat(stuck.drained()).isFalse();
        assertThat(stuck.drainMs()).isNull();
        assertThat(stuck.finalDepth()).isEqualTo(1);
    }

    @Test
    void shouldTimeAnRqQueuesDrainFromTheLastSubmissionNotFromTheLoadsEnd() throws Exception {
        List<QueueSpec> queues = List.of(queue("default", QueueSpec.Type.RQ, "rq:queue:default", null),
                queue("typo", QueueSpec.Type.LIST, "default", null));
        MonitorReport report;
        long emptiedAfterMs;
        try (Monitor monitor = monitor(queues, null, false); Jedis api = redis.client()) {
            monitor.start(Clock.systemUTC().instant());
            for (int i = 0; i < 30; i++) { // what rq's enqueue writes: the queue in rq:queues, the job id on its list
                api.sadd("rq:queues", "rq:queue:default");
                api.hset("rq:job:j" + i, Map.of("status", "queued", "origin", "default"));
                api.rpush("rq:queue:default", "j" + i);
            }
            long submissionsEnd = System.nanoTime();
            for (int i = 0; i < 30 && api.llen("rq:queue:default") > 0; i++) { // one slow worker: 50 ms a job
                String id = api.lpop("rq:queue:default");
                api.zadd("rq:wip:default", 1e12, id);
                TimeUnit.MILLISECONDS.sleep(50);
                api.zrem("rq:wip:default", id);
                api.zadd("rq:finished:default", 1e12, id);
            }
            emptiedAfterMs = (System.nanoTime() - submissionsEnd) / 1_000_000;
            TimeUnit.MILLISECONDS.sleep(500); // the job phase polls on and waits out its graceful stop
            monitor.loadEnded(submissionsEnd);
            assertThat(monitor.awaitDrained(Duration.ofSeconds(10))).isTrue();
            report = monitor.stop();
        }

        QueueSummary rq = report.queues().get("default");
        assertThat(rq.seen()).isTrue();
        assertThat(rq.drained()).isTrue();
        assertThat(rq.drainMs()).as("emptied %d ms after the last submission", emptiedAfterMs)
                .isBetween(emptiedAfterMs - 150, emptiedAfterMs + 300);
        QueueSummary typo = report.queues().get("typo");
        assertThat(typo.seen()).as("an RQ queue's name given as a plain list key").isFalse();
        assertThat(typo.drained()).isFalse();
        assertThat(typo.drainMs()).isNull();
    }

    @Test
    void shouldCallACeleryQueueDrainedOnlyOnceItsUnackedTasksAreAcknowledged() throws Exception {
        List<QueueSpec> queues = List.of(queue("celery", QueueSpec.Type.CELERY, "celery", null));
        MonitorReport report;
        long ackedAfterMs;
        try (Monitor monitor = monitor(queues, null, false); Jedis broker = redis.client()) {
            monitor.start(Clock.systemUTC().instant());
            broker.sadd("_kombu.binding.celery", "celery\u0006\u0016\u0006\u0016celery");
            for (int i = 0; i < 4; i++) {
                broker.lpush("celery", "{\"headers\": {\"id\": \"t" + i + "\"}}");
            }
            long submissionsEnd = System.nanoTime();
            for (int i = 0; i < 4; i++) { // a prefork worker reserves every task at once (prefetch), as kombu does
                String message = broker.rpop("celery");
                broker.hset("unacked", "tag" + i, "[" + message + ", \"\", \"celery\"]");
                broker.zadd("unacked_index", System.currentTimeMillis() / 1000.0, "tag" + i);
            }
            await(() -> monitor.metrics().value(new MetricRef("queue", Map.of("name", "celery"), "unacked"))
                    .equals(MetricValue.of(4)), Duration.ofSeconds(5));
            monitor.loadEnded(submissionsEnd);
            TimeUnit.MILLISECONDS.sleep(1_200);
            assertThat(monitor.awaitDrained(Duration.ZERO)).as("the list is empty, 4 tasks are unacked").isFalse();
            for (int i = 0; i < 4; i++) {
                broker.hdel("unacked", "tag" + i);
                broker.zrem("unacked_index", "tag" + i);
            }
            ackedAfterMs = (System.nanoTime() - submissionsEnd) / 1_000_000;
            assertThat(monitor.awaitDrained(Duration.ofSeconds(10))).isTrue();
            report = monitor.stop();
        }

        QueueSummary celery = report.queues().get("celery");
        assertThat(celery.seen()).isTrue();
        assertThat(celery.maxUnacked()).isEqualTo(4);
        assertThat(celery.finalUnacked()).isZero();
        assertThat(celery.drained()).isTrue();
        assertThat(celery.drainMs()).isBetween(ackedAfterMs - 150, ackedAfterMs + 300);
    }

    private Monitor monitor(List<QueueSpec> queues, Path csv, boolean machine) {
        MonitorSettings settings = new MonitorSettings(INTERVAL, machine, List.of(), queues, Duration.ofSeconds(30),
                MonitorSettings.DEFAULT_REDIS_TIMEOUT, csv, MonitorSettings.DEFAULT_MAX_ROWS);
        return new Monitor(settings, NO_PROCESSES, SeenPidsListener.NONE, ResourceReaders.forThisMachine(INTERVAL),
                Clock.systemUTC());
    }

    private QueueSpec queue(String name, QueueSpec.Type type, String key, String group) {
        return new QueueSpec(name, redis.url(), type, key, group, null, null);
    }

    private static MetricRef depth(String queue) {
        return new MetricRef("queue", Map.of("name", queue), "depth");
    }

    private static Map<String, Double> lastRow(Samples samples) {
        List<Double> row = samples.rows().get(samples.rows().size() - 1);
        Map<String, Double> named = new java.util.HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            named.put(samples.columns().get(i), row.get(i));
        }
        return named;
    }

    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (accepted) {
                    accepted.add(s);
                }
            } catch (IOException e) {
                return;
            }
        }
    }
}
