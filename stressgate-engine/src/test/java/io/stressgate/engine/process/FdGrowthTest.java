package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.result.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Known shapes of fd counts over a run: a pool that warms up and stays, and a leak that grows to the end. */
class FdGrowthTest {
    private static Samples samples(IntToDoubleFunction fdsAtSecond) {
        List<List<Double>> rows = new ArrayList<>();
        for (int second = 0; second <= 40; second++) {
            rows.add(List.of((double) second, fdsAtSecond.applyAsDouble(second)));
        }
        return new Samples(1000, List.of("t", "api.fds"), rows, 0);
    }

    private static LeakReport grewBy(int fds) {
        return new LeakReport(fds, 0, 0, List.of(new LeakReport.Detail("api", 42, "fds", 20, 20 + fds, List.of("socket:[1]"))));
    }

    @Test
    void shouldSetApartGrowthThatLevelledOffLikeAPoolWarmingUp() {
        Samples pool = samples(s -> s < 2 ? 20 : s < 6 ? 20 + s * 10 : 64); // Gunicorn's Redis pool: +44, then flat

        LeakReport r = FdGrowth.classify(grewBy(44), pool, 1.0);

        assertThat(r.fds()).isZero();
        assertThat(r.details()).singleElement().extracting(LeakReport.Detail::kind).isEqualTo(FdGrowth.LEVELLED);
    }

    @Test
    void shouldCountGrowthThatGoesOnThroughTheEndAsALeak() {
        Samples leak = samples(s -> 20 + s); // one fd per second, never closed

        LeakReport r = FdGrowth.classify(grewBy(40), leak, 1.0);

        assertThat(r.fds()).isEqualTo(40);
        assertThat(r.details()).singleElement().extracting(LeakReport.Detail::kind).isEqualTo("fds");
    }

    @Test
    void shouldCountGrowthAsALeakWhenTooFewSamplesShowItsShape() {
        Samples few = new Samples(1000, List.of("t", "api.fds"), List.of(List.of(1.0, 20.0), List.of(2.0, 64.0)), 0);

        assertThat(FdGrowth.classify(grewBy(44), few, 0).fds()).isEqualTo(44);
    }
}
