package io.stressgate.engine.step;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ShardStepTest {

    private static RunResults results(RunStatus status, ShardInfo shard) {
        LoadSummary all = new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null);
        return new RunResults.Builder().runId("r").scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                .startedAt(Instant.parse("2026-12-04T16:00:00Z")).status(status, status == RunStatus.COMPLETED ? null : "killed")
                .load(Map.of("all", all)).shard(shard).build();
    }

    @Test
    void shouldParseTheShardArgumentAndNameTheParameterOfAProblem() throws Exception {
        assertThat(ShardStep.role("stressTest", "2/3", "build-7", null)).isEqualTo(new ShardRole(2, 3, "build-7", 1));
        assertThat(ShardStep.options(new ShardRole(2, 3, "build-7", 1)))
                .containsExactly("--shard", "2/3", "--shard-group", "build-7", "--primary", "1");

        StepArgumentException bad = catchThrowableOfType(StepArgumentException.class, () -> ShardStep.role("stressTest", "3", null, null));
        StepArgumentException primary = catchThrowableOfType(StepArgumentException.class, () -> ShardStep.role("stressTest", "1/2", null, 3));

        assertThat(bad.problems()).extracting(ArgumentProblem::parameter).containsExactly("shard");
        assertThat(primary.problems()).extracting(ArgumentProblem::parameter).containsExactly("primary");
    }

    @Test
    void shouldLeaveTheBuildResultAloneForACompletedShardAndFailOneThatDidNotComplete() {
        ShardInfo info = new ShardInfo(2, 3, "g", 1, null);

        assertThat(ShardStep.shardOutcome(results(RunStatus.COMPLETED, info)).result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(ShardStep.shardOutcome(results(RunStatus.INTERRUPTED, info))).satisfies(o -> {
            assertThat(o.result()).isEqualTo(BuildResult.FAILURE);
            assertThat(o.message()).contains("shard 2 of 3 did not complete (INTERRUPTED: killed)");
        });
    }

    @Test
    void shouldGiveTheMergeTheBuildResultOfItsVerdict() {
        assertThat(ShardStep.mergeOutcome(results(RunStatus.COMPLETED, null)).result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(ShardStep.mergeOutcome(results(RunStatus.INTERRUPTED, null)).result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void shouldExitFailedForAShardThatDidNotCompleteAndPendingForOneThatDid() {
        ShardInfo info = new ShardInfo(1, 2, "g", 1, null);

        assertThat(ExitCodes.of(results(RunStatus.COMPLETED, info))).isEqualTo(ExitCodes.PENDING);
        assertThat(ExitCodes.of(results(RunStatus.ERROR, info))).isEqualTo(ExitCodes.FAILED);
    }

    // ---- the merge step: which of the build's runs are merged, and the one verdict

    private static StoredRun stored(long build, int call, String scenario, RunResults results) {
        return new StoredRun(build, "call " + call, "job/p/" + build + "/", scenario, results.verdict(), () -> results);
    }

    /** A passed run's results whose requests all took {@code ms}, with the histogram a merge adds up. */
    private static RunResults timed(long ms) {
        Histogram h = Histograms.forRequests();
        for (int i = 0; i < 300; i++) {
            Histograms.record(h, ms * 1000);
        }
        LoadSummary all = new LoadSummary(300, 0, 0, 0, 100, 0, 300, Histograms.latency(h), Map.of("200", 300L), Map.of(),
                3000, Histograms.encode(h));
        return Runs.passed().toBuilder().load(Map.of(RunResults.ALL, all)).build();
    }

    private static RunResults shard(int index, int count, String group) {
        return timed(20).asShard(new ShardInfo(index, count, group, 1, null));
    }

    private static ShardStep.MergeArgs merge(String group) throws StepArgumentException {
        return ShardStep.MergeArgs.of("stressGateMerge", "perf/storm.yml", group, null);
    }

    @Test
    void shouldMergeTheShardsOfTheBuildIntoOneRunWithOneVerdict() throws Exception {
        List<StoredRun> build = List.of(stored(7, 1, "perf/storm.yml", shard(2, 2, "default")),
                stored(7, 2, "other.yml", Runs.failed()),
                stored(7, 3, "perf/storm.yml", shard(1, 2, "default")),
                stored(7, 4, "perf/storm.yml", shard(1, 3, "another-group")));

        RunJudge.Judgement merged = ShardStep.merge(merge(null), 7, build, List.of());

        assertThat(merged.outcome().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(merged.results().shard()).isNull();
        assertThat(merged.results().shards()).hasSize(2);
        assertThat(merged.results().verdict()).isEqualTo(Verdict.PASSED);
        assertThat(merged.outcome().details()).anyMatch(l -> l.contains("merged 2 shards"))
                .anyMatch(l -> l.startsWith("regression: "));
    }

    @Test
    void shouldNeverPassWhenAShardRecordedNoResults() throws Exception {
        List<StoredRun> build = List.of(stored(7, 1, "perf/storm.yml", shard(1, 3, "g")),
                stored(7, 2, "perf/storm.yml", shard(3, 3, "g")),
                stored(7, 3, "perf/storm.yml", Runs.running().asShard(new ShardInfo(2, 3, "g", 1, null))));

        RunJudge.Judgement merged = ShardStep.merge(merge("g"), 7, build, List.of());

        assertThat(merged.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(merged.results().status()).isNotEqualTo(RunStatus.COMPLETED);
        assertThat(merged.outcome().message()).contains("stressGateMerge");
    }

    @Test
    void shouldFailWithoutShardsOrWithShardsThatCannotBeReadOrDoNotBelongTogether() throws Exception {
        RunJudge.Judgement none = ShardStep.merge(merge(null), 7, List.of(stored(7, 1, "perf/storm.yml", Runs.passed())), List.of());
        StoredRun unreadable = new StoredRun(7, "call 2", "job/p/7/", "perf/storm.yml", Verdict.PENDING, () -> {
            throw new java.io.IOException("results-2.json is 9 MB, more than the limit");
        });
        RunJudge.Judgement broken = ShardStep.merge(merge(null), 7, List.of(stored(7, 1, "perf/storm.yml", shard(1, 2, "default")),
                unreadable), List.of());
        RunJudge.Judgement twice = ShardStep.merge(merge(null), 7, List.of(stored(7, 1, "perf/storm.yml", shard(1, 2, "default")),
                stored(7, 2, "perf/storm.yml", shard(1, 2, "default"))), List.of());

        assertThat(none.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(none.outcome().message()).contains("recorded no shard");
        assertThat(broken.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(broken.outcome().message()).contains("call 2 cannot be read", "more than the limit");
        assertThat(twice.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(twice.outcome().message()).contains("do not make one run", "again");
    }

    @Test
    void shouldJudgeTheMergeAgainstEarlierBuildsLikeOneRun() throws Exception {
        RunResults slow = timed(40).asShard(new ShardInfo(1, 1, "default", 1, null));
        List<StoredRun> earlier = List.of(stored(6, 2, "perf/storm.yml", timed(20)),
                stored(6, 1, "perf/storm.yml", shard(1, 1, "default")));

        RunJudge.Judgement merged = ShardStep.merge(merge(null), 7, List.of(stored(7, 1, "perf/storm.yml", slow)), earlier);

        assertThat(merged.outcome().result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(merged.results().gates()).anyMatch(g -> !g.passed() && g.source().equals(GateResult.REGRESSION));
    }

    @Test
    void shouldValidateTheMergeArguments() {
        StepArgumentException e = catchThrowableOfType(StepArgumentException.class,
                () -> ShardStep.MergeArgs.of("stressGateMerge", "/etc/passwd", "a b", "yesterday"));

        assertThat(e.problems()).extracting(ArgumentProblem::parameter).containsExactly("scenario", "shardGroup", "baseline");
    }
}
