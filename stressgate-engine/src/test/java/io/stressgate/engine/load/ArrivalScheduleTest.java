package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.Rate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    @Test
    void shouldSpaceAConstantRateEvenlyFromTheStart() {
        ArrivalSchedule s = ArrivalSchedule.of(new ExecutorSpec.ConstantArrivalRate(new Rate(2000), Duration.ofSeconds(10), 100));

        assertThat(s.total()).isEqualTo(20_000);
        assertThat(s.startNanos(0)).isZero();
        assertThat(s.startNanos(1)).isEqualTo(500_000);
        assertThat(s.startNanos(19_999)).isEqualTo(9_999_500_000L);
    }

    @Test
    void shouldFollowALinearRampByItsIntegral() {
        // 0 -> 100/s over 10 s: N(t) = 5 t^2, so 500 arrivals, the 125th (index 125) at t = 5 s
        ArrivalSchedule s = ArrivalSchedule.of(new ExecutorSpec.RampingArrivalRate(new Rate(0),
                List.of(new ExecutorSpec.RateStage(Duration.ofSeconds(10), new Rate(100))), 100));

        assertThat(s.total()).isEqualTo(500);
        assertThat(s.startNanos(125) / 1e9).isCloseTo(5.0, within(1e-6));
        assertThat(s.startNanos(499) / 1e9).isCloseTo(Math.sqrt(499 / 5.0), within(1e-6));
    }

    @Test
    void shouldChainStagesWithoutGapsOrOverlap() {
        // 10/s for 2 s (20 arrivals), then 10 -> 30/s over 2 s (40 arrivals)
        ArrivalSchedule s = ArrivalSchedule.of(new ExecutorSpec.RampingArrivalRate(new Rate(10),
                List.of(new ExecutorSpec.RateStage(Duration.ofSeconds(2), new Rate(10)),
                        new ExecutorSpec.RateStage(Duration.ofSeconds(2), new Rate(30))), 100));

        assertThat(s.total()).isEqualTo(60);
        assertThat(s.startNanos(19) / 1e9).isCloseTo(1.9, within(1e-9));
        assertThat(s.startNanos(20) / 1e9).isCloseTo(2.0, within(1e-9));
        // in the ramp: 10 t + 5 t^2 = 15 -> t = 1 s after the stage start
        assertThat(s.startNanos(35) / 1e9).isCloseTo(3.0, within(1e-9));
        for (int i = 1; i < 60; i++) {
            assertThat(s.startNanos(i)).isGreaterThan(s.startNanos(i - 1));
        }
    }

    @Test
    void shouldStartABurstAllAtOnceOrSpreadEvenly() {
        ArrivalSchedule atOnce = ArrivalSchedule.of(new ExecutorSpec.Burst(1000, Duration.ZERO, 1000));
        ArrivalSchedule spread = ArrivalSchedule.of(new ExecutorSpec.Burst(1000, Duration.ofSeconds(30), 1000));

        assertThat(atOnce.total()).isEqualTo(1000);
        assertThat(atOnce.startNanos(999)).isZero();
        assertThat(spread.total()).isEqualTo(1000);
        assertThat(spread.startNanos(500)).isEqualTo(15_000_000_000L);
    }

    @Test
    void shouldRampVirtualUsersLinearlyBetweenStages() {
        VuSchedule s = VuSchedule.of(new ExecutorSpec.RampingVus(0, List.of(
                new ExecutorSpec.VuStage(Duration.ofSeconds(10), 100), new ExecutorSpec.VuStage(Duration.ofSeconds(5), 100),
                new ExecutorSpec.VuStage(Duration.ofSeconds(5), 0))));

        assertThat(s.vusAt(0)).isZero();
        assertThat(s.vusAt(5_000_000_000L)).isEqualTo(50);
        assertThat(s.vusAt(12_000_000_000L)).isEqualTo(100);
        assertThat(s.vusAt(17_500_000_000L)).isEqualTo(50);
        assertThat(s.vusAt(20_000_000_000L)).isZero();
        assertThat(s.max()).isEqualTo(100);
    }
}
