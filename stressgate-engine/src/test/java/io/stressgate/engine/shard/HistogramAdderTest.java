package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.Histograms;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramAdderTest {

    @Test
    void shouldAddExactlyWhatTheLibraryAddsForValuesOverTheWholeRange() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Histogram expected = Histograms.forRequests();
            Histogram actual = Histograms.forRequests();
            HistogramAdder adder = new HistogramAdder(actual);
            for (int part = 0; part < 5; part++) {
                Histogram h = Histograms.forRequests();
                for (int i = 0; i < 1 + random.nextInt(2000); i++) {
                    Histograms.record(h, (long) Math.pow(10, random.nextDouble() * 10) * (1 + random.nextInt(3)));
                }
                h.recordValueWithCount(3, 1L << 40);
                expected.add(h);
                adder.add(Histograms.encode(h));
            }
            adder.close();
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.getValueAtPercentile(99.9)).isEqualTo(expected.getValueAtPercentile(99.9));
        }
    }

    @Test
    void shouldAddAHistogramOfAnotherLayoutTheLibrarysWay() {
        Histogram jobs = Histograms.forJobs();
        Histograms.record(jobs, 5_000_000);
        Histogram into = new Histogram(1, Histograms.HIGHEST_JOB_MICROS, 2);

        new HistogramAdder(into).add(Histograms.encode(jobs));

        assertThat(into.getTotalCount()).isEqualTo(1);
        assertThat(into.getMaxValue()).isEqualTo(into.highestEquivalentValue(5_000_000));
    }

    @Test
    void shouldRefuseATruncatedHistogram() {
        Histogram h = Histograms.forRequests();
        Histograms.record(h, 1234);
        String encoded = Histograms.encode(h);
        String truncated = java.util.Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(encoded), 20));

        assertThatThrownBy(() -> new HistogramAdder(Histograms.forRequests()).add(truncated))
                .hasMessageContaining("not a valid compressed histogram");
    }
}
