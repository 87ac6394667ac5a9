package io.stressgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Dimension;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.QuantityException;
import io.stressgate.engine.scenario.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-process memory gates on known figures, and the reasons they break when the figures are not there. */
class MemoryMetricsTest {
    private static final long MIB = 1024 * 1024;

    private static ProcessSummary group(Long pidsSeen, List<PidLife> pids, OomKills oom, RssGrowth growth) {
        return new ProcessSummary(List.of(1L), 300 * MIB, 10, 1, 1, 0, 3, 1L, 3L,
                List.of(new ProcessSummary.CountChange(0, 3)), 20L, 20L, List.of(), List.of(), pidsSeen, pids, oom, growth);
    }

    private static final RssGrowth GROWING = new RssGrowth(RssGrowth.GROWING, 240.0 * MIB, 230.0 * MIB, 250.0 * MIB,
            5.0 * MIB, 112 * MIB, 8000L, 40000L, 33, "Theil-Sen", null, List.of());

    private static final ProcessSummary POOL = group(25L, List.of(new PidLife(1, 0, 10, 40 * MIB, true, null, null),
            new PidLife(2, 0, 10, 130 * MIB, false, null, null)), new OomKills(1L, OomKills.CGROUP_V1, "x"), GROWING);

    private static GateResult gate(String text, ProcessSummary p) {
        RunResults run = new RunResults.Builder().processes(Map.of("pool", p)).build();
        GateSpec spec = new GateSpec(GateExpression.parse(text), Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1));
        return new GateEvaluator().evaluate(spec, new ResultsMetrics(run));
    }

    @Test
    void shouldReadGrowthLimitsInBytesPerMinuteWhateverTheTimeUnit() {
        assertThat(Dimension.BYTES_PER_MINUTE.parseLimit("10MB/min")).isEqualTo(10_000_000.0);
        assertThat(Dimension.BYTES_PER_MINUTE.parseLimit("1MiB/s")).isEqualTo(60.0 * MIB);
        assertThat(Dimension.BYTES_PER_MINUTE.parseLimit("120MB/h")).isEqualTo(2_000_000.0);
        assertThatThrownBy(() -> Dimension.BYTES_PER_MINUTE.parseLimit("10MB")).isInstanceOf(QuantityException.class)
                .hasMessageContaining("has no time unit; write for example 10MB/min");
        assertThatThrownBy(() -> Dimension.BYTES_PER_MINUTE.parseLimit("10MB/week")).isInstanceOf(QuantityException.class)
                .hasMessageContaining("the time unit must be s, min or h");
    }

    @Test
    void shouldGateTheGrowthTheLargestProcessTheIncreaseAndTheOomKills() {
        GateResult growth = gate("process{name=pool}.rss_growth < 10MB/min", POOL);
        assertThat(growth.passed()).isFalse();
        assertThat(growth.message()).isEqualTo("broken: process{name=pool}.rss_growth was 240MiB/min, limit < 10MB/min");
        assertThat(gate("process{name=pool}.rss_max_process < 128MiB", POOL).actual()).isEqualTo(130.0 * MIB);
        assertThat(gate("process{name=pool}.rss_max_process < 2GB", POOL).passed()).isTrue();
        assertThat(gate("process{name=pool}.memory_increase < 500MB", POOL).actual()).isEqualTo(112.0 * MIB);
        assertThat(gate("process{name=pool}.oom_kills == 0", POOL).actual()).isEqualTo(1.0);
        assertThat(gate("process{name=pool}.pids_seen >= 20", POOL).passed()).isTrue();
        assertThat(gate("process{name=pool}.restarts >= 18", POOL).passed()).isTrue();
    }

    @Test
    void shouldBreakEveryMemoryGateOnAGroupNeverSeenRunning() {
        ProcessSummary never = group(0L, List.of(), new OomKills(0L, OomKills.NO_DEATH, "x"), null);

        for (String stat : List.of("rss_growth < 10MB/min", "rss_max_process < 2GB", "memory_increase < 500MB",
                "oom_kills == 0", "pids_seen > 0")) {
            GateResult g = gate("process{name=pool}." + stat, never);
            assertThat(g.passed()).as(stat).isFalse();
            assertThat(g.message()).as(stat).contains("no process of the group was ever seen running");
        }
    }

    @Test
    void shouldBreakTheGrowthGatesOnTooFewSamplesWithTheReason() {
        RssGrowth unknown = new RssGrowth(RssGrowth.UNKNOWN, null, null, null, null, null, null, null, 3, "Theil-Sen",
                "only 3 RSS samples after the first 20% of the run; at least 10 are needed (a longer run)", List.of());
        ProcessSummary brief = group(1L, List.of(new PidLife(1, 0, 10, MIB, true, null, null)), POOL.oomKills(), unknown);

        for (String text : List.of("process{name=pool}.rss_growth < 10MB/min", "process{name=pool}.memory_increase < 1GB")) {
            GateResult g = gate(text, brief);
            assertThat(g.passed()).isFalse();
            assertThat(g.message()).contains("no growth could be fitted: only 3 RSS samples");
        }
    }

    @Test
    void shouldBreakTheOomGateWhenNoSourceWasReadableAndOnResultsOfAnOlderVersion() {
        ProcessSummary unreadable = group(2L, POOL.pidList(), OomKills.unknown("the kernel log: dmesg failed (exit 1)"), GROWING);
        ProcessSummary old = new ProcessSummary(List.of(1L), 1, 1, 1, 1, 0, 1, 1L, 1L,
                List.of(new ProcessSummary.CountChange(0, 1)), 0L, 0L, List.of(), List.of());

        assertThat(gate("process{name=pool}.oom_kills == 0", unreadable).message())
                .contains("no OOM-kill source was readable: the kernel log: dmesg failed (exit 1)");
        assertThat(gate("process{name=pool}.oom_kills == 0", old).message())
                .contains("the results hold no per-process figures (written by an older version)");
    }
}
