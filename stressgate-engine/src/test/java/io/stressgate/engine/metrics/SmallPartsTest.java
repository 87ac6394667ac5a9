package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void shouldReadNumericInfoFieldsOnlyAtTheStartOfALine() {
        String info = "# Memory\r\nused_memory_rss:9000\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n";

        assertThat(RedisInfo.field(info, "used_memory")).isEqualTo(1_048_576);
        assertThat(RedisInfo.field(info, "used_memory_human")).isNaN();
        assertThat(RedisInfo.field(info, "connected_clients")).isNaN();
        assertThat(RedisInfo.field(null, "used_memory")).isNaN();
    }

    @Test
    void shouldWriteCsvNumbersWithoutNeedlessDecimalsAndGapsAsEmptyCells() {
        StringBuilder sb = new StringBuilder();
        CsvRows.appendNumber(sb, 12.0);
        sb.append(',');
        CsvRows.appendNumber(sb, 3.14159);
        sb.append(',');
        CsvRows.appendNumber(sb, Double.NaN);
        sb.append(',');
        CsvRows.appendNumber(sb, 25_000_000_000.0);

        assertThat(sb).hasToString("12,3.142,,25000000000");
    }

    @Test
    void shouldPlaceTicksOnTheSamplingTimeLine() {
        SamplingClock clock = new SamplingClock(1_000, 100_000_000L);

        assertThat(clock.tickAt(1_000 + 250_000_000L)).isEqualTo(2);
        assertThat(clock.tickAt(999)).isEqualTo(-1);
        assertThat(clock.secondsOf(37)).isEqualTo(3.7);
        assertThat(clock.millisAt(1_000 + 1_500_000_000L)).isEqualTo(1_500);
    }

    @Test
    void shouldComputeMachineCpuFromTwoReadings() {
        MachineSample before = new MachineSample(100, 1_000, 8, 4, 0, 0.5);
        MachineSample after = new MachineSample(175, 1_100, 8, 3, 0, 0.6);

        assertThat(after.cpuPercentSince(before)).isEqualTo(75.0);
        assertThat(after.memUsedBytes()).isEqualTo(5);
        assertThat(before.cpuPercentSince(before)).isNaN();
    }
}
