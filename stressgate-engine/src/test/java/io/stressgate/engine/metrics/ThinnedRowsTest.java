package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThinnedRowsTest {

    @Test
    void shouldKeepEveryRowUpToTheTarget() {
        ThinnedRows thinned = new ThinnedRows(10, new boolean[2]);
        for (int i = 0; i < 10; i++) {
            thinned.row(new double[] {i, i * 2});
        }

        assertThat(thinned.rows()).hasSize(10).extracting(r -> r[1]).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0,
                12.0, 14.0, 16.0, 18.0);
    }

    @Test
    void shouldKeepASingleSpikeThroughThinningOfADayOfSamples() {
        int target = 3600;
        ThinnedRows thinned = new ThinnedRows(target, new boolean[] {false, false, true});
        int day = 864_000;
        int spikeAt = 500_001;
        for (int i = 0; i < day; i++) {
            double[] row = {i / 10.0, i == spikeAt ? 401 : 3, i == spikeAt ? 10 : 1000};
            thinned.row(row);
        }

        List<double[]> rows = thinned.rows();

        assertThat(thinned.total()).isEqualTo(day);
        assertThat(rows).hasSizeBetween(target / 2, target);
        assertThat(rows).extracting(r -> r[1]).contains(401.0).filteredOn(v -> v != 3.0).hasSize(1);
        assertThat(rows).extracting(r -> r[2]).as("the low of a low-is-peak column survives").contains(10.0);
        assertThat(rows.get(0)[0]).isZero();
        assertThat(rows).extracting(r -> r[0]).isSorted();
    }

    @Test
    void shouldKeepAGapOnlyWhereTheWholeBucketWasAGap() {
        ThinnedRows thinned = new ThinnedRows(2, new boolean[2]);
        thinned.row(new double[] {0, Double.NaN});
        thinned.row(new double[] {1, 7});
        thinned.row(new double[] {2, Double.NaN});
        thinned.row(new double[] {3, Double.NaN});

        List<double[]> rows = thinned.rows();

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)[1]).isEqualTo(7);
        assertThat(rows.get(1)[1]).isNaN();
    }
}
