package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.scenario.QueueSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueTrackerTest {
    private final QueueTracker tracker = new QueueTracker(new QueueSpec("default", null, QueueSpec.Type.RQ, "default",
            null, Duration.ofSeconds(5), null), Duration.ofSeconds(5));

    @Test
    void shouldMeasureDrainFromTheEndOfTheSubmissionsUntilTheQueueIsEmptyAndStaysEmpty() {
        tracker.seen();
        tracker.sampled(100, 0);
        tracker.sampled(200, 401);
        tracker.sampled(1_100, 30);
        tracker.loadEnded(1_500, 1_000); // the job phase polled and waited out its graceful stop after submitting
        tracker.sampled(3_300, 0);
        tracker.sampled(3_400, 2); // empty for a moment only: a retry came back
        tracker.sampled(3_600, 0);
        assertThat(tracker.settled(4_500)).as("empty for less than the hold").isFalse();
        tracker.sampled(4_700, 0);

        QueueSummary s = tracker.summary();

        assertThat(s.drainMs()).isEqualTo(2_600);
        assertThat(s.drained()).isTrue();
        assertThat(s.maxDepth()).isEqualTo(401);
        assertThat(s.finalDepth()).isZero();
        assertThat(s.samples()).isEqualTo(7);
        assertThat(s.type()).isEqualTo("rq");
        assertThat(s.seen()).isTrue();
        assertThat(tracker.settled(4_700)).isTrue();
    }

    @Test
    void shouldNotCallAQueueDrainedWhenItIsNotEmptyAtTheEnd() {
        tracker.seen();
        tracker.loadEnded(1_000, 1_000);
        tracker.sampled(1_100, 0);
        tracker.sampled(1_200, 3);

        assertThat(tracker.summary().drained()).isFalse();
        assertThat(tracker.summary().drainMs()).isNull();
    }

    @Test
    void shouldNotCallAQueueDrainedWhenItEmptiesAfterItsDrainTimeout() {
        tracker.seen();
        tracker.loadEnded(1_000);
        tracker.sampled(5_000, 3);
        assertThat(tracker.settled(5_000)).isFalse();
        tracker.sampled(6_100, 0);

        assertThat(tracker.summary().drainMs()).isNull();
        assertThat(tracker.summary().drained()).isFalse();
        assertThat(tracker.settled(6_100)).isTrue();
    }

    @Test
    void shouldNeverCallAQueueWhoseKeyWasNeverSeenDrained() {
        tracker.sampled(100, 0);
        tracker.loadEnded(1_000);
        tracker.sampled(1_094, 0);
        tracker.sampled(2_200, 0);

        QueueSummary s = tracker.summary();
        assertThat(s.seen()).isFalse();
        assertThat(s.drained()).isFalse();
        assertThat(s.drainMs()).isNull();
        assertThat(tracker.settled(2_200)).as("nothing to wait for once it stayed empty").isTrue();
    }

    @Test
    void shouldNotCallACeleryQueueDrainedWhileTasksAreUnacked() {
        tracker.seen();
        tracker.sampled(100, 40, 4);
        tracker.loadEnded(1_000);
        tracker.sampled(1_100, 0, 4);
        tracker.sampled(2_500, 0, 4);
        assertThat(tracker.summary().drained()).isFalse();
        assertThat(tracker.settled(2_500)).isFalse();

        tracker.sampled(2_600, 0, 0);
        tracker.sampled(3_700, 0, 0);

        QueueSummary s = tracker.summary();
        assertThat(s.drainMs()).isEqualTo(1_600);
        assertThat(s.maxUnacked()).isEqualTo(4);
        assertThat(s.finalUnacked()).isZero();
    }

    @Test
    void shouldNotWaitForAQueueWhoseRedisWasNeverReached() {
        tracker.failed(100, "connection refused");
        tracker.failed(900, "connection refused");
        tracker.loadEnded(1_000);

        assertThat(tracker.settled(1_001)).isTrue();
        assertThat(tracker.summary().samples()).isZero();
    }

    @Test
    void shouldRecordOneGapPerOutageWithTheFirstReason() {
        tracker.sampled(100, 1);
        tracker.failed(200, "connection refused");
        tracker.failed(300, "unreachable: connection refused");
        tracker.sampled(400, 1);
        tracker.failed(900, "read timed out");

        assertThat(tracker.summary().gaps()).containsExactly(new QueueSummary.Gap(200, 400, "connection refused"),
                new QueueSummary.Gap(900, 900, "read timed out"));
    }

    @Test
    void shouldMergeGapsBeyondTheCapSoMemoryStaysBounded() {
        for (int i = 0; i < QueueTracker.MAX_GAPS + 50; i++) {
            tracker.failed(i * 10L, "down");
            tracker.sampled(i * 10L + 5, 0);
        }

        assertThat(tracker.summary().gaps()).hasSize(QueueTracker.MAX_GAPS);
        assertThat(tracker.summary().gaps().get(QueueTracker.MAX_GAPS - 1).reason()).contains("51 times");
    }
}
