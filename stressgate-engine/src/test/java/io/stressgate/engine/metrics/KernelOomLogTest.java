package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.PidLife;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OOM kills of the kernel log, from a dmesg fixture taken on this machine, and the tally that falls back on it. */
class KernelOomLogTest {
    private static final Path DMESG = Path.of("src/test/resources/cgroup/dmesg.txt").toAbsolutePath();

    @TempDir
    Path root;

    @Test
    void shouldFindEveryKilledPidStampedSinceTheRunBegan() throws IOException {
        String text = Files.readString(DMESG);

        assertThat(KernelOomLog.parse(text, 0)).containsExactly(777L, 21090L, 22001L);
        assertThat(KernelOomLog.parse(text, 5000)).as("a kill before the run is not the run's").containsExactly(21090L, 22001L);
    }

    @Test
    void shouldMatchTheProcessesThatEndedWithTheKernelLogWhenNoCounterIsReadable() {
        OomTally tally = new OomTally(new CgroupOomReader(root.resolve("proc"), root.resolve("cg")), 5000);
        tally.saw(21090);
        List<PidLife> lives = List.of(new PidLife(21090, 100, 900, 90L << 20, false, null, null),
                new PidLife(21091, 100, 900, 40L << 20, false, null, null),
                new PidLife(21092, 950, 2000, 40L << 20, true, null, null));

        OomKills kills = tally.result(lives, new KernelOomLog(List.of("cat", DMESG.toString())));

        assertThat(kills.count()).isEqualTo(1);
        assertThat(kills.source()).isEqualTo(OomKills.KERNEL_LOG);
        assertThat(kills.detail()).contains("1 of the 2 processes that ended");
    }

    @Test
    void shouldSayNoneReadableWithWhyWhenTheKernelLogIsRefused() {
        OomTally tally = new OomTally(new CgroupOomReader(root.resolve("proc"), root.resolve("cg")), 0);
        tally.saw(1234);
        List<PidLife> lives = List.of(new PidLife(1234, 0, 10, 1, false, 137, "KILL"));

        OomKills kills = tally.result(lives, new KernelOomLog(List.of("false")));

        assertThat(kills.count()).isNull();
        assertThat(kills.source()).isEqualTo(OomKills.NONE_READABLE);
        assertThat(kills.detail()).contains("no memory cgroup counter readable for 1 process").contains("false failed (exit 1)");
    }

    @Test
    void shouldCountNoKillWhenNoProcessEnded() {
        OomTally tally = new OomTally(new CgroupOomReader(root.resolve("proc"), root.resolve("cg")), 0);

        OomKills kills = tally.result(List.of(new PidLife(1, 0, 10, 1, true, null, null)), new KernelOomLog(List.of("false")));

        assertThat(kills.count()).isZero();
        assertThat(kills.source()).isEqualTo(OomKills.NO_DEATH);
    }
}
