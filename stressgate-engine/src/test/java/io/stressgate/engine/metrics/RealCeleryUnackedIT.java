package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.MetricRef;
import io.stressgate.engine.scenario.QueueSpec;
import io.stressgate.engine.scenario.Severity;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Celery worker (Debian's python3-celery, prefork, Redis broker) reserves every task and is killed with -9:
 * the queue list is empty but the tasks stay in kombu's {@code unacked} hash, so the queue did not drain and a gate
 * {@code queue{name=celery}.unacked == 0} breaks.
 */
class RealCeleryUnackedIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String TASKS = """
            import os, time
            from celery import Celery
            app = Celery('tasks', broker=os.environ['BROKER'])
            @app.task(name='tasks.nap')
            def nap(seconds):
                time.sleep(seconds)
            """;

    private TestRedis redis;

    @TempDir
    Path dir;

    @BeforeEach
    void startRedis() throws Exception {
        assertThat(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import celery").start()
                .waitFor() == 0).as("python3-celery is not installed (./test.sh installs it)").isTrue();
        redis = TestRedis.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void shouldReportUnackedTasksOfAKilledWorkerAndNotCallTheQueueDrained() throws Exception {
        Files.writeString(dir.resolve("tasks.py"), TASKS);
        List<QueueSpec> queues = List.of(new QueueSpec("celery", redis.url(), QueueSpec.Type.CELERY, "celery", null,
                Duration.ofSeconds(1), null));
        MonitorReport report;
        try (Monitor monitor = new Monitor(new MonitorSettings(Duration.ofMillis(100), false, List.of(), queues,
                Duration.ofSeconds(1), MonitorSettings.DEFAULT_REDIS_TIMEOUT, null, MonitorSettings.DEFAULT_MAX_ROWS),
                Map::of, SeenPidsListener.NONE, ResourceReaders.forThisMachine(Duration.ofMillis(100)), Clock.systemUTC())) {
            monitor.start(Clock.systemUTC().instant());
            python("from tasks import nap\nfor i in range(4): nap.delay(30)\n").waitFor(30, TimeUnit.SECONDS);
            long submissionsEnd = System.nanoTime();
            Process worker = python("from tasks import app\napp.worker_main(['worker', '-c', '1', '--pool', 'prefork', "
                    + "'--without-mingle', '--without-gossip', '-l', 'warning'])\n");
            try {
                MetricRef unacked = new MetricRef("queue", Map.of("name", "celery"), "unacked");
                MetricRef depth = new MetricRef("queue", Map.of("name", "celery"), "depth");
                QueueSamplerIT.await(() -> monitor.metrics().value(unacked) instanceof MetricValue.Present p
                        && p.value() >= 1 && monitor.metrics().value(depth).equals(MetricValue.of(0)),
                        Duration.ofSeconds(30)); // prefetch: the worker reserved every task, one of them runs
            } finally {
                worker.descendants().forEach(ProcessHandle::destroyForcibly); // kill -9, as the chaos step does
                worker.destroyForcibly();
                worker.waitFor(10, TimeUnit.SECONDS);
            }
            monitor.loadEnded(submissionsEnd);
            monitor.awaitDrained(Duration.ofSeconds(5));
            report = monitor.stop();
        }

        QueueSummary celery = report.queues().get("celery");
        assertThat(celery.seen()).isTrue();
        assertThat(celery.finalDepth()).isZero();
        assertThat(celery.finalUnacked()).isPositive();
        assertThat(celery.drained()).isFalse();
        RunResults run = new RunResults.Builder().queues(report.queues()).build();
        GateResult gate = new GateEvaluator().evaluate(new GateSpec(GateExpression.parse("queue{name=celery}.unacked == 0"),
                Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1)), new ResultsMetrics(run));
        assertThat(gate.passed()).isFalse();
        assertThat(gate.actual()).isEqualTo((double) celery.finalUnacked());
    }

    private Process python(String script) throws Exception {
        ProcessBuilder b = new ProcessBuilder(PYTHON.toString(), "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("BROKER", redis.url());
        return b.start();
    }
}
