package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.report.Trend;
import io.stressgate.engine.report.TrendBuilder;
import io.stressgate.engine.report.TrendPoint;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTrendsTest {
    private static StoredRun stored(long build, String scenario, RunResults results) {
        return new StoredRun(build, "#" + build, "job/p/" + build + "/", scenario, results.verdict(), () -> results);
    }

    @Test
    void shouldChartTheScenarioOldestFirstWithOnePointPerBuild() {
        List<StoredRun> newestFirst = List.of(
                stored(4, "a.yml", Runs.unstable()),
                stored(3, "a.yml", Runs.failed()),
                stored(3, "a.yml", Runs.passed()),
                stored(3, "b.yml", Runs.passed()),
                stored(2, "a.yml", Runs.passed()),
                new StoredRun(1, "#1", "job/p/1/", "a.yml", Verdict.PASSED, () -> {
                    throw new IOException("gone");
                }));

        Trend trend = StepTrends.trend(newestFirst, "a.yml", 5);

        assertThat(trend.points()).extracting(TrendPoint::number).containsExactly(2L, 3L, 4L);
        assertThat(trend.points()).extracting(TrendPoint::verdict)
                .containsExactly(Verdict.PASSED, Verdict.FAILED, Verdict.UNSTABLE);
        assertThat(trend.points().get(0).build()).isEqualTo("#2");
        assertThat(trend.points().get(0).url()).isEqualTo("job/p/2/");
        assertThat(trend.points().get(0).metrics()).containsEntry(TrendBuilder.P95, 95.5);
        assertThat(trend.baseline()).containsKey(TrendBuilder.P95);
    }

    @Test
    void shouldDrawASharedBuildAsItsMergeAndLeaveOutShardsThatWereNeverMerged() {
        RunResults shard = Runs.passed().asShard(new io.stressgate.engine.result.ShardInfo(1, 2, "default", 1, null));
        List<StoredRun> newestFirst = List.of(
                stored(3, "a.yml", shard),
                stored(2, "a.yml", Runs.unstable()),
                stored(2, "a.yml", shard),
                stored(2, "a.yml", shard));

        Trend trend = StepTrends.trend(newestFirst, "a.yml", 5);

        assertThat(trend.points()).extracting(TrendPoint::number).containsExactly(2L);
        assertThat(trend.points()).extracting(TrendPoint::verdict).containsExactly(Verdict.UNSTABLE);
    }

    @Test
    void shouldGiveAnEmptyTrendForAScenarioNoBuildRan() {
        List<StoredRun> runs = new ArrayList<>(List.of(stored(1, "a.yml", Runs.passed())));

        assertThat(StepTrends.trend(runs, "other.yml", 5).points()).isEmpty();
    }

    @Test
    void shouldSerializeForTheChartViews() {
        String json = ResultsJson.toJson(StepTrends.trend(List.of(stored(1, "a.yml", Runs.passed())), "a.yml", 5));

        assertThat(json).contains("\"points\"", "\"metrics\"", "\"p95\" : 95.5", "\"url\" : \"job/p/1/\"");
    }
}
