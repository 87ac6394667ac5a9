package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleTableTest {
    private final SamplingClock clock = new SamplingClock(0, 100_000_000L);
    private final List<double[]> rows = new ArrayList<>();
    private final SampleTable table = new SampleTable(List.of("t", "a", "b"), clock, List.of(rows::add));

    @Test
    void shouldEmitARowOnceEverySamplerFinishedItsTick() {
        int first = table.addSource();
        int second = table.addSource();

        table.put(5, 1, 10);
        table.done(first, 5);
        assertThat(rows).isEmpty();
        table.put(5, 2, 20);
        table.done(second, 5);

        assertThat(rows).singleElement().satisfies(r -> assertThat(r).containsExactly(0.5, 10, 20));
    }

    @Test
    void shouldLeaveTheCellsOfAStuckSamplerEmptyOnceTheOtherIsFarAhead() {
        int fast = table.addSource();
        int stuck = table.addSource();
        for (long tick = 1; tick <= 1 + SampleTable.MAX_LAG + 1; tick++) {
            table.put(tick, 1, tick);
            table.done(fast, tick);
        }

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[1]).isEqualTo(1);
        assertThat(rows.get(0)[2]).isNaN();
        table.put(1, 2, 99);
        table.done(stuck, 1);
        assertThat(rows).hasSize(1);
        assertThat(table.latest(2)).as("a late reading still is the latest value").isEqualTo(99);
    }

    @Test
    void shouldKeepTheLatestValueAndTheMaximumOfEachColumn() {
        int source = table.addSource();
        table.put(1, 1, 5);
        table.put(2, 1, 9);
        table.put(3, 1, 2);
        table.put(4, 1, Double.NaN);
        table.done(source, 4);

        assertThat(table.max(1)).isEqualTo(9);
        assertThat(table.latest(1)).as("a missing reading replaces the latest value").isNaN();
        assertThat(table.max(2)).isNaN();
    }

    @Test
    void shouldFlushHeldRowsInOrderOnClose() {
        table.addSource();
        table.addSource();
        table.put(3, 1, 3);
        table.put(1, 1, 1);
        table.put(2, 1, 2);

        table.close();

        assertThat(rows).extracting(r -> r[1]).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void shouldSkipTicksNobodyWrote() {
        int source = table.addSource();
        table.put(1, 1, 1);
        table.done(source, 1);
        table.put(4, 1, 4);
        table.done(source, 4);

        assertThat(rows).extracting(r -> r[0]).containsExactly(0.1, 0.4);
    }
}
