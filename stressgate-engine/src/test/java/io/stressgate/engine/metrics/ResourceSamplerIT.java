package io.stressgate.engine.metrics;

import static io.stressgate.engine.metrics.QueueSamplerIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.scenario.MetricRef;
import io.stressgate.engine.testing.ChildProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResourceSamplerIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final long MIB = 1 << 20;
    private static final int PAIRS = 5;

    @Test
    void shouldSeeRssCpuFdsAndChildrenOfARealChildRise() throws Exception {
        AtomicReference<Map<String, Set<Long>>> seen = new AtomicReference<>(Map.of());
        try (ChildProcess child = ChildProcess.start();
             Monitor monitor = monitor(() -> Map.of("worker", Set.of(child.pid())), seen::set)) {
            child.send("files 0");
            monitor.start(Clock.systemUTC().instant());
            MetricSource live = monitor.metrics();
            await(() -> value(live, "cpu") >= 0, Duration.ofSeconds(5));
            double rssBefore = value(live, "rss");
            double fdsBefore = value(live, "fds_max");

            child.send("alloc 200");
            child.send("spin");
            child.send("files 40");
            List<Long> sleepers = child.send("spawn 2");
            await(() -> value(live, "count") == 3, Duration.ofSeconds(5));
            TimeUnit.MILLISECONDS.sleep(500);

            assertThat(value(live, "rss") - rssBefore).as("rss rise").isGreaterThan(150.0 * MIB);
            // A spinning thread gets a whole core on a quiet machine, a third of one on a busy two-core agent.
            assertThat(value(live, "cpu")).as("cpu of a spinning thread, percent of one core").isGreaterThan(20);
            assertThat(value(live, "fds_max") - fdsBefore).as("fds opened").isGreaterThanOrEqualTo(40);
            assertThat(value(live, "children_max")).isEqualTo(2);
            assertThat(seen.get().get("worker")).containsExactlyInAnyOrder(child.pid(), sleepers.get(0), sleepers.get(1));
            assertThat(live.value(new MetricRef("system", Map.of(), "memory"))).isInstanceOf(MetricValue.Present.class);

            MonitorReport report = monitor.stop();
            ProcessSummary worker = report.processes().get("worker");
            assertThat(worker.pids()).contains(child.pid()).containsAll(sleepers);
            assertThat(worker.rssMaxBytes()).isGreaterThan(200 * MIB);
            assertThat(worker.countMax()).isEqualTo(3);
            assertThat(worker.childrenMax()).isEqualTo(2);
            assertThat(report.system().memoryTotalBytes()).isPositive();
            assertThat(report.system().memoryMaxBytes()).isPositive();
            assertThat(report.samples().columns()).startsWith("t", "cpu_pct", "mem_used_bytes", "mem_avail_bytes",
                    "load1", "swap_used_bytes", "worker.cpu_pct", "worker.rss_bytes");
        }
    }

    @Test
    void shouldCountOnlyTheSelectedPidsWhenAGroupExcludesDescendantsButStillReportThem() throws Exception {
        AtomicReference<Map<String, Set<Long>>> seen = new AtomicReference<>(Map.of());
        try (ChildProcess child = ChildProcess.start()) {
            List<Long> sleepers = child.send("spawn 1");
            WatchedProcesses rootsOnly = new WatchedProcesses() {
                public Map<String, Set<Long>> current() {
                    return Map.of("worker", Set.of(child.pid()));
                }

                public boolean includesDescendants(String group) {
                    return false;
                }
            };
            try (Monitor monitor = monitor(rootsOnly, seen::set)) {
                monitor.start(Clock.systemUTC().instant());
                await(() -> seen.get().containsKey("worker") && value(monitor.metrics(), "count") == 1,
                        Duration.ofSeconds(5));
                assertThat(value(monitor.metrics(), "children_max")).isEqualTo(1);
                assertThat(seen.get().get("worker")).containsExactlyInAnyOrder(child.pid(), sleepers.get(0));
            }
        }
    }

    @Test
    void shouldReadFreshFiguresTwiceWithin100MsThroughProcAndThroughOshi() throws Exception {
        try (ChildProcess child = ChildProcess.start()) {
            child.send("spin");
            for (ResourceReaders readers : List.of(ResourceReaders.procFs(), ResourceReaders.oshi(INTERVAL))) {
                String which = readers.machine().getClass().getSimpleName();
                int processAdvanced = 0;
                for (int pair = 0; pair < PAIRS; pair++) {
                    MachineSample machineBefore = readers.machine().read();
                    ProcessSample before = readers.processes().read(child.pid());
                    TimeUnit.MILLISECONDS.sleep(100);
                    MachineSample machineAfter = readers.machine().read();
                    ProcessSample after = readers.processes().read(child.pid());

                    assertThat(machineAfter.cpuTotalTicks()).as(which + ": machine CPU ticks advance in 100 ms, pair "
                            + pair + " (a 300 ms cache would repeat them)").isGreaterThan(machineBefore.cpuTotalTicks());
                    processAdvanced += after.cpuNanos() > before.cpuNanos() ? 1 : 0;
                }
                assertThat(processAdvanced).as(which + ": pairs in which a spinning process's CPU time advanced "
                        + "(it may not run for 100 ms on a busy machine)").isGreaterThanOrEqualTo(PAIRS / 2 + 1);
            }
        }
    }

    private static double value(MetricSource live, String stat) {
        MetricValue v = live.value(new MetricRef("process", Map.of("name", "worker"), stat));
        return v instanceof MetricValue.Present p ? p.value() : -1;
    }

    private static Monitor monitor(WatchedProcesses watched, SeenPidsListener listener) {
        MonitorSettings settings = new MonitorSettings(INTERVAL, true, List.of("worker"), List.of(),
                Duration.ofSeconds(30), MonitorSettings.DEFAULT_REDIS_TIMEOUT, null, MonitorSettings.DEFAULT_MAX_ROWS);
        return new Monitor(settings, watched, listener, ResourceReaders.forThisMachine(INTERVAL), Clock.systemUTC());
    }
}
