package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.scenario.MetricRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A worker killed while its parent does not reap it stays in /proc as a zombie: it has ended, so its group must
 * count it out and report its death, and a group that counts descendants must not count it either.
 */
class UnreapedMemberIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void shouldCountAKilledWorkerThatItsParentHasNotReapedAsGone() throws Exception {
        // sh starts the worker in the background, prints its pid, then becomes a sleep that never waits for it
        Process parent = new ProcessBuilder("sh", "-c", "sleep 60 & echo $!; exec sleep 60").start();
        long worker = -1;
        try {
            worker = firstLineAsPid(parent);
            long workerPid = worker;
            WatchedProcesses watched = new WatchedProcesses() {
                @Override
                public Map<String, Set<Long>> current() {
                    return Map.of("workers", Set.of(workerPid), "master", Set.of(parent.pid()));
                }
            };
            try (Monitor monitor = monitor(watched)) {
                monitor.start(Clock.systemUTC().instant());
                MetricSource live = monitor.metrics();
                awaitCount(live, "workers", 1, "the worker counted");
                awaitCount(live, "master", 2, "the parent counted with its worker");

                ProcessHandle.of(workerPid).ifPresent(ProcessHandle::destroyForcibly);
                await(() -> state(workerPid) == 'Z', "the killed worker to be a zombie");
                awaitCount(live, "workers", 0, "the unreaped worker no longer counted in its group");
                awaitCount(live, "master", 1, "the unreaped worker no longer counted below its parent");

                ProcessSummary workers = monitor.stop().processes().get("workers");
                assertThat(state(workerPid)).as("still a zombie when the sampling stopped").isEqualTo('Z');
                assertThat(workers.countEnd()).isZero();
                assertThat(workers.deathList()).singleElement().satisfies(d -> {
                    assertThat(d.pid()).isEqualTo(workerPid);
                    assertThat(d.signal()).as("not a process the run started: its exit is not known").isNull();
                });
            }
        } finally {
            if (worker > 0) {
                ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
            }
            parent.destroyForcibly();
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).as("parent stopped").isTrue();
        }
    }

    private static long firstLineAsPid(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the worker's pid printed by sh").isNotNull().matches("\\d+");
        return Long.parseLong(line);
    }

    /** The state letter in /proc/PID/stat, or '?' when the process is gone. */
    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    private static double count(MetricSource live, String group) {
        MetricValue v = live.value(new MetricRef("process", Map.of("name", group), "count"));
        return v instanceof MetricValue.Present p ? p.value() : -1;
    }

    private static void awaitCount(MetricSource live, String group, double expected, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double now;
        while ((now = count(live, group)) != expected) {
            assertThat(System.nanoTime()).as("waiting for: %s (process{name=%s}.count is %s, not %s)", what, group,
                    now, expected).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Monitor monitor(WatchedProcesses watched) {
        MonitorSettings settings = new MonitorSettings(INTERVAL, false, List.of("workers", "master"), List.of(),
                Duration.ofSeconds(30), MonitorSettings.DEFAULT_REDIS_TIMEOUT, null, MonitorSettings.DEFAULT_MAX_ROWS);
        return new Monitor(settings, watched, SeenPidsListener.NONE, ResourceReaders.forThisMachine(INTERVAL),
                Clock.systemUTC());
    }
}
