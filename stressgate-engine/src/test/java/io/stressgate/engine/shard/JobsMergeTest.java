package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobFingerprints;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.result.ShardLedger.OpenJob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class JobsMergeTest {
    private static final String STUCK = "stuck in started";

    /** A shard's accounting: 10 submitted, {@code open} left open (pending or lost), the rest completed and timed. */
    private static JobsSummary shard(List<OpenJob> open, List<String> dups, ShardLedger.CompletionsLog log) {
        long lost = open.stream().filter(OpenJob::lost).count();
        long pending = open.size() - lost;
        Histogram h = Histograms.forJobs();
        for (int i = 0; i < 10 - open.size(); i++) {
            Histograms.record(h, 1_000_000 + i * 1000);
        }
        Map<String, Long> reasons = lost == 0 ? Map.of() : Map.of(STUCK, lost);
        List<String> lostIds = open.stream().filter(OpenJob::lost).map(OpenJob::id).toList();
        return new JobsSummary(10, 10 - open.size(), 0, pending, lost, dups.size(), 0, Histograms.latency(h),
                Histograms.encode(h), reasons, lostIds, 0L, null, List.of(), 0L, 0L,
                new ShardLedger(open, 0, dups, 0, log));
    }

    private static ShardLedger.CompletionsLog log(String... ids) {
        long[] fps = Arrays.stream(ids).mapToLong(JobFingerprints::of).toArray();
        return new ShardLedger.CompletionsLog(ids.length, ids.length, JobFingerprints.encode(fps));
    }

    @Test
    void shouldCompleteAJobAnotherShardLeftLostWhenThePrimarysLogHoldsIt() {
        JobsSummary primary = shard(List.of(), List.of(), log("p-1", "s2-lost", "s2-queued"));
        JobsSummary second = shard(List.of(new OpenJob("s2-lost", STUCK), new OpenJob("s2-queued", null),
                new OpenJob("s2-gone", STUCK)), List.of(), null);

        JobsSummary merged = JobsMerge.merge(List.of(primary, second));

        assertThat(merged.submitted()).isEqualTo(20);
        assertThat(merged.completed()).as("17 polled done, s2-lost and s2-queued per the log").isEqualTo(19);
        assertThat(merged.completedByLog()).isEqualTo(2);
        assertThat(merged.pending()).isZero();
        assertThat(merged.lost()).isEqualTo(1);
        assertThat(merged.lostIds()).containsExactly("s2-gone");
        assertThat(merged.lostReasons()).containsExactly(Map.entry(STUCK, 1L));
        assertThat(Histograms.decode(merged.histogram()).getTotalCount()).as("log completions stay untimed").isEqualTo(17);
        assertThat(merged.ledger()).as("a merge is no shard").isNull();
    }

    @Test
    void shouldCountAJobDuplicatedOnTwoShardsOnce() {
        JobsSummary primary = shard(List.of(), List.of("j-7", "j-9"), log());
        JobsSummary second = shard(List.of(), List.of("j-7"), null);

        assertThat(JobsMerge.merge(List.of(primary, second)).duplicated()).isEqualTo(2);
    }

    @Test
    void shouldLeaveOpenJobsAsCountedWhenTheLogWasTooLargeToRecord() {
        JobsSummary primary = shard(List.of(), List.of(), new ShardLedger.CompletionsLog(2_000_000, 2_000_000, null));
        JobsSummary second = shard(List.of(new OpenJob("s2-lost", STUCK)), List.of(), null);

        JobsSummary merged = JobsMerge.merge(List.of(primary, second));

        assertThat(merged.lost()).isEqualTo(1);
        assertThat(merged.completedByLog()).isZero();
    }

    @Test
    void shouldAddUpShardsWithoutLedgersAsTheyCountedThem() {
        JobsSummary old = new JobsSummary(10, 8, 1, 0, 1, 1, 2, null, null, Map.of(STUCK, 1L), List.of("x"));
        JobsSummary primary = shard(List.of(), List.of("j-1"), log("x"));

        JobsSummary merged = JobsMerge.merge(List.of(primary, old));

        assertThat(merged.completed()).as("x is not matched: its shard listed no ledger").isEqualTo(18);
        assertThat(merged.lost()).isEqualTo(1);
        assertThat(merged.lostIds()).containsExactly("x");
        assertThat(merged.duplicated()).isEqualTo(2);
        assertThat(merged.failed()).isEqualTo(1);
        assertThat(merged.timeouts()).isEqualTo(2);
    }

    @Test
    void shouldCarryFailedIdsUnidentifiedSubmitsAndLateCompletions() {
        JobsSummary a = new JobsSummary(5, 3, 1, 0, 0, 0, 0, null, null, Map.of(), List.of(), 2L, "201 without id",
                List.of("f-1"), 1L);
        JobsSummary b = new JobsSummary(5, 4, 1, 0, 0, 0, 0, null, null, Map.of(), List.of(), 1L, null, List.of("f-2"), 2L);

        JobsSummary merged = JobsMerge.merge(List.of(a, b));

        assertThat(merged.failedIds()).containsExactly("f-1", "f-2");
        assertThat(merged.unidentified()).isEqualTo(3);
        assertThat(merged.unidentifiedExample()).isEqualTo("201 without id");
        assertThat(merged.completedAfterStop()).isEqualTo(3);
        assertThat(JobsMerge.merge(java.util.Arrays.asList(null, null))).isNull();
    }
}
