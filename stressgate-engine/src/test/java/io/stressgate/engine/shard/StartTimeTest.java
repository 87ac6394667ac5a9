package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");

    @Test
    void shouldWaitUntilTheAgreedInstantAndMeasureHowLateTheRunStarted() {
        StartTime start = StartTime.parse("2026-12-04T16:05:00Z", NOW);

        assertThat(start.remaining(NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(start.remaining(NOW.plusSeconds(400))).isZero();
        assertThat(start.offsetMs(Instant.parse("2026-12-04T16:05:00.037Z"))).isEqualTo(37);
    }

    @Test
    void shouldGetReadyHalfAMinuteBeforeTheAgreedInstantOrAtOnceWhenLessIsLeft() {
        StartTime start = StartTime.parse("2026-12-04T16:05:00Z", NOW);

        assertThat(start.preparation(NOW)).isEqualTo(Duration.ofMinutes(5).minus(StartTime.PREPARE));
        assertThat(start.preparation(NOW.plusSeconds(295))).isZero();
        assertThat(start.preparation(NOW.plusSeconds(270))).isZero();
        assertThat(start.preparation(NOW.plusSeconds(269))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldAcceptATimeJustPastWithinTheTolerance() {
        assertThat(StartTime.parse("2026-12-04T15:59:59Z", NOW).at()).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void shouldRefuseATimeLongPastTooFarAheadOrNotAnInstant() {
        assertThatThrownBy(() -> StartTime.parse("2026-12-04T15:59:00Z", NOW)).hasMessageContaining("60000 ms in the past");
        assertThatThrownBy(() -> StartTime.parse("2026-12-04T17:00:01Z", NOW)).hasMessageContaining("more than 60 minutes ahead");
        assertThatThrownBy(() -> StartTime.parse("16:05", NOW)).hasMessageContaining("\"16:05\" is not an ISO-8601 instant");
    }
}
