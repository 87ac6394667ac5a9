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
    void shouldMeasureDrainFromTheLoadEndToTheFirstEmptySample() {
        tracker.sampled(100, 0);
        tracker.sampled(200, 401);
        tracker.loadEnded(1_000);
        tracker.sampled(1_100, 30);
        tracker.sampled(3_300, 0);
        tracker.sampled(3_400, 2);

        QueueSummary s = tracker.summary();

        assertThat(s.drainMs()).isEqualTo(2_300);
        assertThat(s.drained()).isTrue();
        assertThat(s.maxDepth()).isEqualTo(401);
        assertThat(s.finalDepth()).isEqualTo(2);
        assertThat(s.samples()).isEqualTo(5);
        assertThat(s.type()).isEqualTo("rq");
        assertThat(tracker.settled(3_400)).isTrue();
    }

    @Test
    void shouldNotCallAQueueDrainedWhenItEmptiesAfterItsDrainTimeout() {
        tracker.loadEnded(1_000);
        tracker.sampled(5_000, 3);
        assertThat(tracker.settled(5_000)).isFalse();
        tracker.sampled(6_100, 0);

        assertThat(tracker.summary().drainMs()).isNull();
        assertThat(tracker.summary().drained()).isFalse();
        assertThat(tracker.settled(6_100)).isTrue();
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
