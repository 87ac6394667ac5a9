package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a tick of the /proc readers asks of the kernel, counted by the kernel itself: the read calls of the sampling
 * thread ({@code syscr} in {@code /proc/thread-self/io}). A tick's cost is mostly these calls, so their number is
 * pinned here, where it does not depend on how busy the machine is; the time they take lives in
 * {@code bench/sampler}.
 */
class ProcReadsPerTickIT {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int PROCESSES = 20;
    private static final int MACHINE_FILES = 3;
    /** Three seconds at 10 Hz: three walks of the process tree, which read each process's children once. */
    private static final int TICKS = 30;
    private static final int WALKS = 3;
    /** Reading /proc/thread-self/io itself, around the ticks. */
    private static final int COUNTER_READS = 4;

    @Test
    void shouldReadEachWatchedProcessAndEachMachineFileWithOneCallPerTick() throws Exception {
        List<Process> idle = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                idle.add(new ProcessBuilder("sleep", "120").start());
            }
            Set<Long> pids = new LinkedHashSet<>();
            idle.forEach(p -> pids.add(p.pid()));
            ResourceSampler sampler = drivenHere(Map.of("idle", pids));
            long tick = 1_000;
            for (int i = 0; i < 2 * TICKS; i++) {
                sampler.sample(tick++, System.nanoTime()); // opens what it keeps open, loads and compiles classes
            }

            long before = readCalls();
            for (int i = 0; i < TICKS; i++) {
                sampler.sample(tick++, System.nanoTime());
            }
            long reads = readCalls() - before;
            sampler.stop();

            assertThat(sampler.lifetimes("idle").countEnd()).as("processes seen at the last tick").isEqualTo(PROCESSES);
            long perTickAndProcess = (long) TICKS * (PROCESSES + MACHINE_FILES) + (long) WALKS * PROCESSES;
            assertThat(reads).as("read calls over %d ticks of %d processes and %d machine files (one each per tick "
                            + "and %d tree walks)", TICKS, PROCESSES, MACHINE_FILES, WALKS)
                    .isGreaterThanOrEqualTo((long) TICKS * PROCESSES)
                    .isLessThanOrEqualTo(perTickAndProcess + COUNTER_READS);
        } finally {
            for (Process p : idle) {
                p.destroyForcibly();
            }
            for (Process p : idle) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A sampler of the machine and one group whose ticks this thread drives: its own thread is stopped at once. */
    private static ResourceSampler drivenHere(Map<String, Set<Long>> groups) {
        ResourceSampler sampler = new ResourceSampler(List.copyOf(groups.keySet()), () -> groups,
                ResourceReaders.procFs(), true, SeenPidsListener.NONE);
        List<String> columns = new ArrayList<>(List.of("t"));
        columns.addAll(sampler.columns());
        SamplingClock clock = SamplingClock.startingNow(INTERVAL);
        SampleTable table = new SampleTable(columns, clock, List.of());
        sampler.start(table, clock);
        sampler.stop();
        return sampler;
    }

    /** The read calls this thread has made so far, as the kernel counts them. */
    private static long readCalls() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
            if (line.startsWith("syscr:")) {
                return Long.parseLong(line.substring("syscr:".length()).trim());
            }
        }
        throw new IllegalStateException("/proc/thread-self/io has no syscr line: this kernel does not count reads");
    }
}
