package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void shouldGiveTheResultsInTheTasksOrderWhateverOrderTheyFinishIn() {
        List<Supplier<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> {
                sleep(n % 3 == 0 ? 20 : 0);
                return n;
            });
        }

        assertThat(Workers.run(tasks, 3)).containsExactlyElementsOf(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19));
    }

    @Test
    void shouldThrowATasksExceptionAsItWas() {
        List<Supplier<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IllegalArgumentException("bad histogram");
        });

        assertThatThrownBy(() -> Workers.run(tasks, 2)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad histogram");
    }

    @Test
    void shouldMergeASeriesTheSameOnThreeWorkersAsOnOne() {
        Random random = new Random(9);
        List<SeriesMerge.Part> parts = new ArrayList<>();
        Instant start = Instant.parse("2026-12-04T16:00:00Z");
        for (int shard = 0; shard < 3; shard++) {
            List<IntervalPoint> points = new ArrayList<>();
            for (int s = 1; s <= 900; s++) {
                Histogram h = Histograms.forRequests();
                for (int i = 0; i < random.nextInt(40); i++) {
                    Histograms.record(h, (long) Math.pow(10, 2 + random.nextDouble() * 5));
                }
                points.add(new IntervalPoint(s, h.getTotalCount(), 0, 0, 1, null, null, null, null, 0,
                        h.getTotalCount() == 0 ? null : Histograms.pack(h)));
            }
            parts.add(new SeriesMerge.Part(start.plusMillis(shard * 5L), new TimeSeries(1000, points, Map.of())));
        }

        TimeSeries one = SeriesMerge.merge(parts, start, 1);
        TimeSeries three = SeriesMerge.merge(parts, start, 3);

        assertThat(three.all()).hasSize(900);
        assertThat(three).isEqualTo(one);
        assertThat(three.all().stream().filter(p -> p.histogram() != null).count()).isGreaterThan(800);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
