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
import java.time.Instant;
import java.util.Map;
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
}
