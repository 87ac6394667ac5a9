package io.stressgate.engine.step;

import static io.stressgate.engine.step.StepDocumentsTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.ChaosEvent.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosJudgeTest {
    private final ChaosJudge judge = new ChaosJudge();

    private static ChaosKillArgs args(List<String> restore, String recoverTcp, Boolean dryRun) throws StepArgumentException {
        ChaosInput in = restore == null ? ChaosInput.name("redis-server") : new ChaosInput();
        if (restore != null) {
            in.command = List.of("redis-cli", "shutdown");
            in.restore = restore;
            in.pauseFor = "5s";
        }
        in.recoverTcp = recoverTcp;
        in.dryRun = dryRun;
        return in.args();
    }

    private StepOutcome judge(ChaosKillArgs args, int exit, ChaosEvent event) {
        return judge.judge(args, exit, Received.of(event));
    }

    @Test
    void shouldTrustOnlyAnEventThatChoseAsAskedAndShowTheChoice() throws Exception {
        ChaosInput in = ChaosInput.name("rq");
        in.among = "children";
        ChaosKillArgs args = in.args();
        List<ChaosEvent.Target> horse = List.of(new ChaosEvent.Target(4243, "rq worker", "ci"));
        ChaosEvent asked = new ChaosEvent("kill", "kill", 0, "step", "TERM", horse, Outcome.DONE, "sent", null, null, "children",
                "first", null);
        ChaosEvent other = new ChaosEvent("kill", "kill", 0, "step", "TERM", horse, Outcome.DONE, "sent", null, null, "matches",
                "first", null);

        StepOutcome trusted = judge(args, 0, asked);
        StepOutcome distrusted = judge(args, 0, other);

        assertThat(trusted.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(trusted.details()).contains("chosen among children, pick first");
        assertThat(distrusted.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(distrusted.message()).contains("the event says among matches, pick first but among children, pick first was asked");
    }

    @Test
    void shouldSucceedWhenTheKillWasDoneAndTheSystemRecovered() throws Exception {
        StepOutcome outcome = judge(args(List.of("redis-server"), "127.0.0.1:6379", null), 0, event(Outcome.DONE, 900L, 300L));

        assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(outcome.details()).contains("recovered after 900 ms", "restored after 300 ms")
                .anySatisfy(line -> assertThat(line).contains("pid 4242"));
    }

    @Test
    void shouldSucceedOnADryRunThatWasAskedFor() throws Exception {
        assertThat(judge(args(null, null, true), 0, event(Outcome.DRY_RUN, null, null)).result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldFailLoudlyWhenASafetyRuleRefused() throws Exception {
        ChaosEvent refused = new ChaosEvent("kill", "kill", 0, "step", "TERM", List.of(), Outcome.REFUSED,
                "3 processes match, more than max 1", null, null);

        StepOutcome outcome = judge(args(null, null, null), 4, refused);

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("refused by a safety rule", "more than max 1");
    }

    @Test
    void shouldFailWhenTheSystemDidNotRecoverOrWasNotRestored() throws Exception {
        assertThat(judge(args(null, "127.0.0.1:6379", null), 0, event(Outcome.DONE, null, null)).message())
                .contains("did not recover");
        assertThat(judge(args(List.of("redis-server"), null, null), 0, event(Outcome.DONE, null, null)).message())
                .contains("restore command did not bring the target back");
    }

    @Test
    void shouldFailWhenTheExitCodeAndTheEventDisagree() throws Exception {
        assertThat(judge(args(null, null, null), 1, event(Outcome.DONE, null, null)).message()).contains("not trusted");
        assertThat(judge(args(null, null, null), 0, event(Outcome.FAILED, null, null)).message()).contains("not trusted");
        assertThat(judge(args(null, null, null), 0, event(Outcome.REFUSED, null, null)).result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void shouldFailWhenAnActionRanThoughADryRunWasAskedForAndTheOtherWayRound() throws Exception {
        assertThat(judge(args(null, null, true), 0, event(Outcome.DONE, null, null)).message())
                .contains("a dry run was asked for but the action was executed");
        assertThat(judge(args(null, null, false), 0, event(Outcome.DRY_RUN, null, null)).message()).contains("not executed");
    }

    @Test
    void shouldFailWhenSuccessNamesNoTarget() throws Exception {
        ChaosEvent none = new ChaosEvent("kill", "kill", 0, "step", "TERM", List.of(), Outcome.DONE, null, null, null);

        assertThat(judge(args(null, null, null), 0, none).message()).contains("names no target");
    }

    @Test
    void shouldAcceptAStopWithoutTargetsOnceItWasRestored() throws Exception {
        ChaosEvent stopped = new ChaosEvent("stop", "stop", 0, "step", null, List.of(), Outcome.DONE, "ran", null, 5_300L);

        assertThat(judge(args(List.of("redis-server"), null, null), 0, stopped).result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldFailWhenThereIsNoEvent() throws Exception {
        StepOutcome outcome = judge.judge(args(null, null, null), 4, StepDocuments.notFetched(StepFiles.CHAOS, "missing"));

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("no usable event", "4: refused by a safety rule");
    }

    @Test
    void shouldReturnOnlyStringsNumbersAndBooleansToTheScript() {
        ChaosEvent event = new ChaosEvent("kill", "kill", 0, "step", "KILL", List.of(new ChaosEvent.Target(11, "a", "u"),
                new ChaosEvent.Target(12, "b", "u")), Outcome.DONE, "ok", 900L, null);

        Map<String, Object> result = ChaosJudge.stepResult(event, false);

        assertThat(result).containsExactly(Map.entry("outcome", "DONE"), Map.entry("targets", 2), Map.entry("pids", "11,12"),
                Map.entry("recoveredAfterMs", 900L), Map.entry("message", "ok"), Map.entry("dryRun", false));
    }
}
