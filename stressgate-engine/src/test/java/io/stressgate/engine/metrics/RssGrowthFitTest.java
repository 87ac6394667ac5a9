package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressgate.engine.result.RssGrowth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the Theil-Sen slope and Sen's interval, and the verdicts the noise floor gives. */
class RssGrowthFitTest {
    private static final long MIB = 1024 * 1024;

    private static List<RssGrowth.Point> points(long[] times, long[] values) {
        List<RssGrowth.Point> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            out.add(new RssGrowth.Point(times[i], values[i]));
        }
        return out;
    }

    /** One point a second for {@code seconds}, from {@code base} bytes growing {@code perMinute}, with a wobble. */
    private static List<RssGrowth.Point> run(int seconds, long base, double perMinute, long wobble) {
        List<RssGrowth.Point> out = new ArrayList<>();
        for (int s = 0; s <= seconds; s++) {
            long w = s % 3 == 0 ? wobble : s % 3 == 1 ? -wobble : 0;
            out.add(new RssGrowth.Point(s * 1000L, base + Math.round(perMinute * s / 60.0) + w));
        }
        return out;
    }

    @Test
    void shouldGiveTheSlopeAndIntervalScipysTheilslopesGivesForTheSameData() {
        // scipy.stats.theilslopes(y, x, alpha=0.95) on these points: slope 0.029045454..., interval [0.02, 0.032] per ms.
        long[] x = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000};
        long[] y = {100, 130, 90, 180, 150, 260, 210, 300, 240, 360, 330, 420};

        RssGrowthFit.Slope s = RssGrowthFit.theilSen(points(x, y));

        assertThat(s.perMinute()).isCloseTo(1742.727, within(0.001));
        assertThat(s.lowPerMinute()).isCloseTo(1200.0, within(1e-9));
        assertThat(s.highPerMinute()).isCloseTo(1920.0, within(1e-9));
    }

    @Test
    void shouldNotBeMovedByAFewSpikes() {
        List<RssGrowth.Point> line = new ArrayList<>(run(60, 100 * MIB, 60 * MIB, 0));
        line.set(30, new RssGrowth.Point(30_000, 900 * MIB));
        line.set(45, new RssGrowth.Point(45_000, 0));

        assertThat(RssGrowthFit.theilSen(line).perMinute()).isCloseTo(60.0 * MIB, within(1.0));
    }

    @Test
    void shouldReadAWorkerLeakingAMebibyteASecondAsGrowing() {
        RssGrowth g = RssGrowthFit.fit(run(40, 120 * MIB, 60 * MIB, MIB / 2));

        assertThat(g.verdict()).isEqualTo(RssGrowth.GROWING);
        assertThat(g.bytesPerMinute()).isCloseTo(60.0 * MIB, within(0.01 * MIB));
        assertThat(g.lowBytesPerMinute()).isPositive().isLessThanOrEqualTo(g.bytesPerMinute());
        assertThat(g.highBytesPerMinute()).isGreaterThanOrEqualTo(g.bytesPerMinute());
        assertThat(g.fromMs()).as("the first 20% settle").isEqualTo(8_000);
        // the median of the last five samples (38 s) minus that of the first five steady ones (10 s): 28 s of growth
        assertThat(g.increaseBytes()).isCloseTo(28 * MIB, within(MIB / 2));
        assertThat(g.method()).isEqualTo("Theil-Sen, 95% CI (Sen 1968)");
    }

    @Test
    void shouldReadAFlatWorkerWithNoiseAsStable() {
        RssGrowth g = RssGrowthFit.fit(run(40, 120 * MIB, 0, 3 * MIB));

        assertThat(g.verdict()).isEqualTo(RssGrowth.STABLE);
        assertThat(g.bytesPerMinute()).isCloseTo(0.0, within(0.5 * MIB));
    }

    @Test
    void shouldReadASignificantGrowthBelowTheNoiseFloorAsStable() {
        // 1 MiB/min on 120 MiB over 32 steady seconds is 0.5 MiB: far below 5% of the RSS, though its interval is above 0.
        RssGrowth g = RssGrowthFit.fit(run(40, 120 * MIB, MIB, 0));

        assertThat(g.lowBytesPerMinute()).isPositive();
        assertThat(g.noiseFloorBytesPerMinute()).isGreaterThan(g.bytesPerMinute());
        assertThat(g.verdict()).isEqualTo(RssGrowth.STABLE);
    }

    @Test
    void shouldGiveNoVerdictOnTooFewSamplesAndSayWhy() {
        RssGrowth g = RssGrowthFit.fit(run(5, 120 * MIB, 60 * MIB, 0));

        assertThat(g.verdict()).isEqualTo(RssGrowth.UNKNOWN);
        assertThat(g.bytesPerMinute()).isNull();
        assertThat(g.reason()).contains("only 5 RSS samples after the first 20% of the run; at least 10 are needed");
        assertThat(RssGrowthFit.fit(List.of()).reason()).contains("only 0 RSS sample(s)");
    }
}
