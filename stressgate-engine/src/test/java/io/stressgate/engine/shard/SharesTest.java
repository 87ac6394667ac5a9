package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.scenario.Rate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SharesTest {

    @Test
    void shouldGiveTheRemainderToTheFirstShards() {
        assertThat(IntStream.rangeClosed(1, 3).map(i -> Shares.of(10, i, 3))).containsExactly(4, 3, 3);
        assertThat(IntStream.rangeClosed(1, 4).map(i -> Shares.of(2, i, 4))).containsExactly(1, 1, 0, 0);
    }

    @Test
    void shouldSplitAWholeRateInWholeIterationsPerSecond() {
        assertThat(IntStream.rangeClosed(1, 3).mapToObj(i -> Shares.of(new Rate(1000), i, 3)))
                .containsExactly(new Rate(334), new Rate(333), new Rate(333));
    }

    @Test
    void shouldSplitAFractionalRateInThousandths() {
        assertThat(IntStream.rangeClosed(1, 3).mapToObj(i -> Shares.of(new Rate(0.5), i, 3)))
                .containsExactly(new Rate(0.167), new Rate(0.167), new Rate(0.166));
    }

    @Test
    void shouldAddUpToExactlyTheTotalForEveryCount() {
        for (int count = 1; count <= 17; count++) {
            for (long total : new long[] {0, 1, 7, 100, 1001, 123_457}) {
                int n = count;
                long sum = IntStream.rangeClosed(1, n).mapToLong(i -> Shares.of(total, i, n)).sum();
                assertThat(sum).as("%d over %d", total, n).isEqualTo(total);
            }
        }
    }

    @Test
    void shouldKeepAConcurrencyCapOfAtLeastOne() {
        assertThat(Shares.cap(2, 3, 3)).isEqualTo(1);
        assertThat(Shares.cap(100, 1, 3)).isEqualTo(34);
    }

    @Test
    void shouldRefuseAShardOutsideTheCount() {
        assertThatThrownBy(() -> Shares.of(10L, 4, 3)).hasMessageContaining("shard 4 of 3");
        assertThatThrownBy(() -> Shares.of(10L, 0, 3)).hasMessageContaining("shard 0 of 3");
    }
}
