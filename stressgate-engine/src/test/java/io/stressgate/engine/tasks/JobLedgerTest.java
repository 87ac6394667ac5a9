package io.stressgate.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.JobChain;
import io.stressgate.engine.scenario.MetricRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobLedgerTest {
    private final JobLedger ledger = new JobLedger();
    private final JobChain chain = TestChains.chain("http://127.0.0.1:1", null);

    @Test
    void shouldSortOpenJobsIntoPendingAndLostWithReasons() {
        for (String id : new String[] {"done", "failed", "queued", "gone", "stuck", "silent", "running"}) {
            ledger.submitted(id);
        }
        ledger.completed("done", 1_500_000);
        ledger.failed("failed", "error");
        ledger.unresolved("queued", "Queued", false);
        ledger.unresolved("gone", null, true);
        ledger.unresolved("stuck", "started", false);
        ledger.unresolved("silent", null, false);
        ledger.unresolved("running", "running", false);

        JobsSummary s = ledger.settle(chain);

        assertThat(s.submitted()).isEqualTo(7);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.pending()).as("a queued status, in any case, is pending").isEqualTo(1);
        assertThat(s.lost()).isEqualTo(4);
        assertThat(s.lostReasons()).containsExactlyInAnyOrderEntriesOf(Map.of(JobLedger.REASON_NOT_FOUND, 1L,
                "stuck in started", 1L, "stuck in running", 1L, JobLedger.REASON_NO_STATUS, 1L));
        assertThat(s.lostIds()).containsExactlyInAnyOrder("gone", "stuck", "silent", "running");
        assertThat(s.timeouts()).isEqualTo(5);
        assertThat(s.latencyMs().max()).isCloseTo(1500, offset(2.0));
    }

    @Test
    void shouldCountLateCompletionsAndFailuresOnlyForJobsStillOpen() {
        ledger.submitted("a");
        ledger.submitted("b");
        ledger.completed("a", 10);

        ledger.completedLate("a", System.nanoTime());
        ledger.failedLate("b", "error");
        ledger.failedLate("b", "error");

        JobsSummary s = ledger.settle(chain);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(ledger.outstandingCount()).isZero();
    }

    @Test
    void shouldCountAJobReportedDuplicatedSeveralTimesOnce() {
        ledger.submitted("a");
        ledger.completed("a", 10);
        ledger.duplicated("a");
        ledger.duplicated("a");
        ledger.duplicated("b");

        assertThat(ledger.settle(chain).duplicated()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLastKnownStatusWhenAPollSaysNothing() {
        ledger.submitted("a");
        ledger.unresolved("a", "started", false);
        ledger.polled("a", null, false);

        assertThat(ledger.settle(chain).lostReasons()).containsOnlyKeys("stuck in started");
    }

    @Test
    void shouldBoundTheNumberOfLostReasons() {
        for (int i = 0; i < 50; i++) {
            ledger.submitted("j" + i);
            ledger.unresolved("j" + i, "weird-" + i, false);
        }

        JobsSummary s = ledger.settle(chain);

        assertThat(s.lostReasons()).hasSize(JobLedger.MAX_LOST_REASONS);
        assertThat(s.lostReasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
        assertThat(s.lostIds()).hasSize(JobLedger.MAX_LOST_IDS);
    }

    @Test
    void shouldAnswerLiveJobMetricsAndKeepLostMissingUntilSettled() {
        JobMetrics live = new JobMetrics(ledger);
        ledger.submitted("a");
        ledger.submitted("b");
        ledger.completed("a", 2_000);

        assertThat(live.value(jobs("submitted"))).isEqualTo(MetricValue.of(2));
        assertThat(live.value(jobs("pending"))).isEqualTo(MetricValue.of(1));
        assertThat(((MetricValue.Present) live.value(jobs("p50"))).value()).isCloseTo(2.0, offset(0.01));
        assertThat(live.value(jobs("lost"))).isInstanceOf(MetricValue.Missing.class);
        ledger.unresolved("b", "started", false);
        ledger.settle(chain);
        assertThat(live.value(jobs("lost"))).isEqualTo(MetricValue.of(1));
        assertThat(live.value(jobs("pending"))).isEqualTo(MetricValue.of(0));
        assertThat(live.value(jobs("duplicated"))).isEqualTo(MetricValue.of(0));
    }

    @Test
    void shouldListFailedJobIdsUpToTheCapFromTheLoadTheSweepAndTheLastStatus() {
        for (int i = 0; i < JobLedger.MAX_FAILED_IDS + 5; i++) {
            ledger.submitted("f" + i);
            ledger.failed("f" + i, "error");
        }
        ledger.submitted("late");
        ledger.failedLate("late", "failed");

        JobsSummary s = ledger.settle(chain);

        assertThat(s.failed()).isEqualTo(JobLedger.MAX_FAILED_IDS + 6);
        assertThat(s.failedIds()).hasSize(JobLedger.MAX_FAILED_IDS).startsWith("f0", "f1").doesNotContain("late");
    }

    @Test
    void shouldTimeAJobCutShortByTheLoadsEndWhenTheSweepSeesItDoneAndNotCountItAsATimeout() {
        long submittedAt = System.nanoTime() - 2_000_000_000L;
        ledger.submitted("open");
        ledger.stillOpen("open", submittedAt, "running", false);

        ledger.completedLate("open", submittedAt + 2_500_000_000L);

        JobsSummary s = ledger.settle(chain);
        assertThat(s.timeouts()).isZero();
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.completedAfterStop()).isEqualTo(1);
        assertThat(s.latencyMs().max()).isCloseTo(2_500, offset(5.0));
    }

    @Test
    void shouldCountSubmitsWithoutAnIdAndDescribeOnlyTheFirst() {
        int[] described = {0};
        ledger.unidentified(() -> "202 from create had no value at /job/id (body starts: {})" + described[0]++);
        ledger.unidentified(() -> "second" + described[0]++);

        JobsSummary s = ledger.settle(chain);
        assertThat(s.unidentified()).isEqualTo(2);
        assertThat(s.unidentifiedExample()).isEqualTo("202 from create had no value at /job/id (body starts: {})0");
        assertThat(described[0]).isEqualTo(1);
    }

    private static MetricRef jobs(String stat) {
        return new MetricRef("jobs", Map.of(), stat);
    }

    @Test
    void shouldCompleteOpenJobsTheCompletionsLogHoldsAndListTheRestForTheMerge() {
        for (String id : new String[] {"done", "logged", "queued", "stuck"}) {
            ledger.submitted(id);
        }
        ledger.completed("done", 2_000_000);
        ledger.unresolved("logged", "started", false);
        ledger.unresolved("queued", "queued", false);
        ledger.unresolved("stuck", "started", false);
        ledger.duplicated("done");

        ledger.completedPerLog(java.util.Set.of("done", "logged")::contains, null);
        JobsSummary s = ledger.settle(chain);

        assertThat(s.completed()).as("done polled, logged per the log").isEqualTo(2);
        assertThat(s.completedByLog()).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(1);
        assertThat(s.lost()).isEqualTo(1);
        assertThat(io.stressgate.engine.result.Histograms.decode(s.histogram()).getTotalCount())
                .as("a log completion is untimed").isEqualTo(1);
        assertThat(ledger.shardLedger().open()).containsExactlyInAnyOrder(
                new io.stressgate.engine.result.ShardLedger.OpenJob("queued", null),
                new io.stressgate.engine.result.ShardLedger.OpenJob("stuck", "stuck in started"));
        assertThat(ledger.shardLedger().duplicatedIds()).containsExactly("done");
        assertThat(s.ledger()).as("only a shard's book attaches the ledger").isNull();
    }
}
