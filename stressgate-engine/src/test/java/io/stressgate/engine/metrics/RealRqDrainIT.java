package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.scenario.QueueSpec;
import io.stressgate.engine.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drain time against a real RQ queue: jobs enqueued by RQ itself (Debian's python3-rq) and worked off by a real
 * {@code rq worker --burst}; a queue name RQ never used is reported as never seen.
 */
class RealRqDrainIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path RQ = Path.of("/usr/bin/rq");
    private static final int JOBS = 20;

    private TestRedis redis;

    @BeforeEach
    void startRedis() throws Exception {
        assertThat(Files.isExecutable(PYTHON) && Files.isExecutable(RQ)).as("python3-rq is not installed (./test.sh installs it)").isTrue();
        redis = TestRedis.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void shouldTimeTheDrainOfARealRqQueueFromItsLastEnqueueAndCallAMistypedQueueNeverSeen() throws Exception {
        List<QueueSpec> queues = List.of(new QueueSpec("default", redis.url(), QueueSpec.Type.RQ, "rq:queue:default", null,
                null, null), new QueueSpec("typo", redis.url(), QueueSpec.Type.RQ, "rq:queue:defualt", null, null, null));
        MonitorReport report;
        long workerDoneMs;
        try (Monitor monitor = new Monitor(new MonitorSettings(Duration.ofMillis(50), false, List.of(), queues,
                Duration.ofSeconds(30), MonitorSettings.DEFAULT_REDIS_TIMEOUT, null, MonitorSettings.DEFAULT_MAX_ROWS),
                Map::of, SeenPidsListener.NONE, ResourceReaders.forThisMachine(Duration.ofMillis(50)), Clock.systemUTC())) {
            monitor.start(Clock.systemUTC().instant());
            run(List.of(PYTHON.toString(), "-c", "import sys, redis, rq\n"
                    + "q = rq.Queue('default', connection=redis.Redis.from_url(sys.argv[1]))\n"
                    + "for i in range(" + JOBS + "): q.enqueue('time.sleep', 0.1)\n", redis.url()));
            long submissionsEnd = System.nanoTime();
            run(List.of(RQ.toString(), "worker", "--burst", "--url", redis.url(), "default"));
            workerDoneMs = (System.nanoTime() - submissionsEnd) / 1_000_000;
            TimeUnit.MILLISECONDS.sleep(300); // the job phase's polling and graceful stop
            monitor.loadEnded(submissionsEnd);
            assertThat(monitor.awaitDrained(Duration.ofSeconds(10))).isTrue();
            report = monitor.stop();
        }

        QueueSummary rq = report.queues().get("default");
        assertThat(rq.seen()).isTrue();
        assertThat(rq.maxDepth()).isPositive();
        assertThat(rq.drained()).isTrue();
        // the list empties when the last job is taken, before it runs: at least the first 19 jobs' 100 ms each
        assertThat(rq.drainMs()).as("worker done after %d ms", workerDoneMs)
                .isBetween((JOBS - 1) * 100L, workerDoneMs + 200);
        QueueSummary typo = report.queues().get("typo");
        assertThat(typo.seen()).isFalse();
        assertThat(typo.drained()).isFalse();
    }

    /** Runs a command to its end (at most 60 s), failing the test when it fails; killed by pid if it hangs. */
    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended within 60 s", argv).isTrue();
            assertThat(p.exitValue()).as("%s exit code", argv).isZero();
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
