package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.scenario.MetricRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real worker processes die during sampling and a supervisor (this test) starts new ones in their place: the
 * group's count over time, its deaths with how each ended, and its restarts are reported, live and at the end.
 */
class GroupLifetimesIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** The workers this test supervises, as the harness would select them, with the exit codes of those that ended. */
    private static final class Supervisor implements WatchedProcesses {
        final Map<Long, Process> running = new ConcurrentHashMap<>();
        final Map<Long, Process> all = new ConcurrentHashMap<>();

        Process start() throws IOException {
            Process p = new ProcessBuilder("sleep", "60").start();
            running.put(p.pid(), p);
            all.put(p.pid(), p);
            return p;
        }

        @Override
        public Map<String, Set<Long>> current() {
            return Map.of("workers", Set.copyOf(running.keySet()));
        }

        @Override
        public Optional<Integer> exitCode(long pid) {
            Process p = all.get(pid);
            return p == null || p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
        }

        void stopAll() throws InterruptedException {
            all.values().forEach(Process::destroyForcibly);
            for (Process p : all.values()) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldReportTheCountOverTimeTheDeathsWithTheirSignalsAndTheRestartsOfRealWorkers() throws Exception {
        Supervisor supervisor = new Supervisor();
        try (Monitor monitor = monitor(supervisor)) {
            Process killed = supervisor.start();
            Process terminated = supervisor.start();
            Process survivor = supervisor.start();
            monitor.start(Clock.systemUTC().instant());
            MetricSource live = monitor.metrics();
            await(() -> value(live, "count") == 3, "three workers counted");

            killed.destroyForcibly();
            terminated.destroy();
            assertThat(killed.waitFor(10, TimeUnit.SECONDS) && terminated.waitFor(10, TimeUnit.SECONDS)).isTrue();
            await(() -> value(live, "count") == 1, "two workers gone");
            assertThat(value(live, "deaths")).isEqualTo(2);
            assertThat(value(live, "count_min")).isEqualTo(1);
            assertThat(value(live, "restarts")).isZero();

            supervisor.running.remove(killed.pid());
            supervisor.running.remove(terminated.pid());
            Process first = supervisor.start();
            Process second = supervisor.start();
            await(() -> value(live, "count") == 3, "two workers started in their place");
            assertThat(value(live, "restarts")).isEqualTo(2);

            ProcessSummary workers = monitor.stop().processes().get("workers");
            assertThat(workers.deaths()).isEqualTo(2);
            assertThat(workers.deathList()).extracting(ProcessSummary.Death::pid, ProcessSummary.Death::signal,
                    ProcessSummary.Death::exitCode).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(killed.pid(), "KILL", 137),
                    org.assertj.core.groups.Tuple.tuple(terminated.pid(), "TERM", 143));
            assertThat(workers.restarts()).isEqualTo(2);
            assertThat(workers.restartList()).extracting(ProcessSummary.Restart::pid)
                    .containsExactlyInAnyOrder(first.pid(), second.pid());
            assertThat(workers.restartList()).extracting(ProcessSummary.Restart::replaced)
                    .containsExactlyInAnyOrder(killed.pid(), terminated.pid());
            assertThat(workers.countMin()).isEqualTo(1);
            assertThat(workers.countMax()).isEqualTo(3);
            assertThat(workers.countEnd()).isEqualTo(3);
            List<Long> counts = workers.countSeries().stream().map(ProcessSummary.CountChange::count).toList();
            assertThat(counts.stream().map(String::valueOf).collect(Collectors.joining(" ")))
                    .as("the count over time: up to three, down to one, back to three").matches("(\\d )*3 (2 )?1 (2 )?3");
            assertThat(workers.countSeries()).isSortedAccordingTo(
                    java.util.Comparator.comparingLong(ProcessSummary.CountChange::atMs));
            assertThat(survivor.isAlive()).isTrue();
        } finally {
            supervisor.stopAll();
        }
    }

    private static double value(MetricSource live, String stat) {
        MetricValue v = live.value(new MetricRef("process", Map.of("name", "workers"), stat));
        return v instanceof MetricValue.Present p ? p.value() : -1;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Monitor monitor(WatchedProcesses watched) {
        MonitorSettings settings = new MonitorSettings(INTERVAL, false, List.of("workers"), List.of(),
                Duration.ofSeconds(30), MonitorSettings.DEFAULT_REDIS_TIMEOUT, null, MonitorSettings.DEFAULT_MAX_ROWS);
        return new Monitor(settings, watched, SeenPidsListener.NONE, ResourceReaders.forThisMachine(INTERVAL),
                Clock.systemUTC());
    }
}
