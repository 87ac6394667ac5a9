package io.stressgate.engine.step;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunJudgeTest {
    private final RunJudge judge = new RunJudge();
    private final StepDocuments documents = new StepDocuments();

    /** Reads the bytes the way the step does, then admits and judges with no regression. */
    private StepOutcome outcome(int exitCode, byte[] bytes) {
        RunJudge.Admission admission = judge.admit("perf/storm.yml", exitCode, null, documents.results(bytes));
        return admission.usable()
                ? judge.judge("perf/storm.yml", admission.results(), Runs.noBaseline(admission.results(), "no baseline yet")).outcome()
                : admission.failure();
    }

    static Stream<Arguments> table() {
        byte[] invalid = "{\"schema\":\"stressgate.results/1\",".getBytes(StandardCharsets.UTF_8);
        byte[] lying = ResultsJson.toJson(Runs.failed()).replace("\"verdict\" : \"FAILED\"", "\"verdict\" : \"PASSED\"")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("passed, exit 0", 0, Runs.bytes(Runs.passed()), BuildResult.SUCCESS, null),
                Arguments.of("unstable, exit 3", 3, Runs.bytes(Runs.unstable()), BuildResult.UNSTABLE, "UNSTABLE, 1 gate broken"),
                Arguments.of("failed, exit 1", 1, Runs.bytes(Runs.failed()), BuildResult.FAILURE, "FAILED, 2 gates broken"),
                Arguments.of("interrupted, exit 1", 1, Runs.bytes(Runs.interrupted()), BuildResult.FAILURE, "did not complete (INTERRUPTED"),
                Arguments.of("invalid JSON, exit 0", 0, invalid, BuildResult.FAILURE, "no usable results"),
                Arguments.of("verdict that does not follow from the gates, exit 0", 0, lying, BuildResult.FAILURE, "does not follow"),
                Arguments.of("passed file, exit 1", 1, Runs.bytes(Runs.passed()), BuildResult.FAILURE, "disagree"),
                Arguments.of("failed file, exit 0", 0, Runs.bytes(Runs.failed()), BuildResult.FAILURE, "disagree"),
                Arguments.of("unstable file, exit 0", 0, Runs.bytes(Runs.unstable()), BuildResult.FAILURE, "disagree"),
                Arguments.of("passed file, usage exit 2", 2, Runs.bytes(Runs.passed()), BuildResult.FAILURE, "2: invalid input"),
                Arguments.of("passed file, killed (137)", 137, Runs.bytes(Runs.passed()), BuildResult.FAILURE, "killed by a signal"),
                Arguments.of("stand-in of a killed run, exit 137", 137, Runs.bytes(Runs.running()), BuildResult.FAILURE, "never finished"),
                Arguments.of("stand-in of a killed run, exit 1", 1, Runs.bytes(Runs.running()), BuildResult.FAILURE, "never finished"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void shouldMapResultsAndExitCodeToTheBuildResult(String name, int exitCode, byte[] bytes, BuildResult expected,
                                                     String messagePart) {
        StepOutcome outcome = outcome(exitCode, bytes);

        assertThat(outcome.result()).isEqualTo(expected);
        if (messagePart == null) {
            assertThat(outcome.message()).isNull();
        } else {
            assertThat(outcome.message()).contains(messagePart);
        }
    }

    @Test
    void shouldFailWhenTheResultsFileIsMissing() {
        RunJudge.Admission admission = judge.admit("perf/storm.yml", 0, null,
                StepDocuments.notFetched(StepFiles.RESULTS, "/ws/stressgate-out/storm/results.json does not exist"));

        assertThat(admission.usable()).isFalse();
        assertThat(admission.results()).isNull();
        assertThat(admission.failure().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(admission.failure().message()).contains("no usable results", "does not exist", "0: passed");
    }

    @Test
    void shouldFailARunStoppedByTheTimeoutButKeepItsResultsForTheReport() {
        RunJudge.Admission admission = judge.admit("perf/storm.yml", 0, Duration.ofMinutes(5), Received.of(Runs.passed()));

        assertThat(admission.failure().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(admission.failure().message()).contains("timeout of 5m");
        assertThat(admission.results()).isNotNull();
    }

    @Test
    void shouldKeepAnInterruptedRunsResultsSoTheReportShowsWhatWasMeasured() {
        RunJudge.Admission admission = judge.admit("perf/storm.yml", 1, null, Received.of(Runs.interrupted()));

        assertThat(admission.results().status()).isEqualTo(io.stressgate.engine.result.RunStatus.INTERRUPTED);
        assertThat(admission.failure().message()).contains("SIGTERM from the agent");
    }

    @Test
    void shouldListEveryBrokenGateInTheFailureMessage() {
        StepOutcome outcome = outcome(1, Runs.bytes(Runs.failed()));

        assertThat(outcome.message()).contains("[fail] http.p99 < 200ms: broken:", "[unstable] http.p95 < 100ms: broken:");
        assertThat(outcome.details()).contains("regression: no baseline yet");
    }

    @Test
    void shouldTurnAPassedRunUnstableWhenARegressionGateBreaks() {
        GateResult regression = new GateResult("p99 within 20% of baseline", "http.p99", Severity.UNSTABLE, 180.0, "180ms",
                120.0, "120ms", false, "broken: p99 180ms is 50% above the baseline 120ms", GateResult.REGRESSION);

        RegressionReport report = new RegressionReport(true, "the last 2 PASSED runs before build 5 (#4, #3)", List.of("r4", "r3"),
                List.of(4L, 3L), List.of(), List.of(regression), Verdict.UNSTABLE, "regression in http.p99 against #4, #3");

        RunJudge.Judgement judgement = judge.judge("storm.yml", Runs.passed(), report);

        assertThat(judgement.results().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(judgement.results().gates()).hasSize(2).last().isEqualTo(regression);
        assertThat(judgement.outcome().result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(judgement.outcome().message()).contains("[regression unstable] p99 within 20% of baseline");
        assertThat(judgement.outcome().details()).contains("regression: regression in http.p99 against #4, #3");
    }

    @Test
    void shouldLeaveTheRunAsItIsWhenThereIsNoBaseline() {
        RunResults passed = Runs.passed();

        RunJudge.Judgement judgement = judge.judge("storm.yml", passed, Runs.noBaseline(passed, "no baseline: build 1 is the first"));

        assertThat(judgement.results()).isSameAs(passed);
        assertThat(judgement.outcome().result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldMakeGateTextFromTheAgentSafeForTheLog() {
        GateResult evil = new GateResult("p99 < 1ms\u202E<img src=x onerror=alert(1)>", "m", Severity.FAIL, 2.0, "2ms", 1.0,
                "1ms", false, "broken:\nline two", GateResult.SCENARIO);
        RunResults run = Runs.builder().gates(List.of(evil)).build();

        StepOutcome outcome = judge.judge("storm.yml", run, Runs.noBaseline(run, "-")).outcome();

        assertThat(outcome.message()).doesNotContain("\u202E").contains("[U+202E]<img").contains("broken:[U+000A]line two");
    }

    @Test
    void shouldKeepTheReasonOfAFailureOnlyWhenTheGatesDoNotExplainIt() {
        StepOutcome failedByGates = outcome(1, Runs.bytes(Runs.failed()));
        RunJudge.Admission interrupted = judge.admit("s.yml", 1, null, Received.of(Runs.interrupted()));
        RunJudge.Admission missing = judge.admit("s.yml", 1, null, StepDocuments.notFetched("results.json", "gone"));

        assertThat(RunJudge.unexplainedFailure(Runs.failed(), failedByGates)).isNull();
        assertThat(RunJudge.unexplainedFailure(interrupted.results(), interrupted.failure())).contains("did not complete");
        assertThat(RunJudge.unexplainedFailure(null, missing.failure())).contains("no usable results");
        assertThat(RunJudge.unexplainedFailure(Runs.unstable(), outcome(3, Runs.bytes(Runs.unstable())))).isNull();
    }

    @Test
    void shouldSayWhereTheFilesStayWhenJenkinsRestartedDuringTheRun() {
        assertThat(RunJudge.notResumable("stressgate-out/storm")).contains("counts as FAILED",
                "stressgate publish stressgate-out/storm");
        assertThat(ChaosJudge.notResumable("/ws@tmp/stressgate/chaos-state")).contains("restored from the ledger in "
                + "/ws@tmp/stressgate/chaos-state");
    }

    @Test
    void shouldNotChangeTheBuildWhenPublishingWorked() {
        assertThat(judge.published("https://gate", 0, "/ws/out").result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldMakeTheBuildUnstableAndSayWhereTheResultsStayWhenPublishingFailed() {
        StepOutcome published = judge.published("https://gate", 1, "/ws/stressgate-out/storm");

        assertThat(published.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(published.message()).contains("not published", "/ws/stressgate-out/storm");
        assertThat(StepOutcome.success(List.of("a")).and(published).result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(judge.notPublished("https://gate", "no Secret text credential 'x'", "/out").message())
                .contains("no Secret text credential 'x'", "/out");
    }

    // ---- the whole decision of one call, as the plugin asks for it

    private static StressTestArgs args(String shard) throws StepArgumentException {
        return StressTestArgs.of(new StressTestArgs.Input("perf/storm.yml", null, null, null, null, "10m", shard, null));
    }

    @Test
    void shouldDecideAnUnshardedRunWithItsBaselineAndARefusalBeforeAnyBaselineIsLoaded() throws Exception {
        boolean[] loaded = {false};
        List<StoredRun> earlier = List.of(new StoredRun(6, "#6", "job/p/6/", "perf/storm.yml", Verdict.PASSED, () -> {
            loaded[0] = true;
            return Runs.passed();
        }));

        RunJudge.Judgement refused = judge.decide(args(null), 7, 0, true, documents.results(Runs.bytes(Runs.passed())), earlier);
        assertThat(loaded[0]).isFalse();
        RunJudge.Judgement passed = judge.decide(args(null), 7, 0, false, documents.results(Runs.bytes(Runs.passed())), earlier);

        assertThat(refused.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(refused.outcome().message()).contains("timeout of 10m");
        assertThat(passed.outcome().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(loaded[0]).isTrue();
        assertThat(passed.outcome().details()).anyMatch(l -> l.startsWith("regression: ") && l.contains("#6"));
    }

    @Test
    void shouldLeaveTheBuildResultToTheMergeForACompletedShard() throws Exception {
        RunResults shard = Runs.failed().asShard(new io.stressgate.engine.result.ShardInfo(2, 3, "default", 1, null));

        RunJudge.Judgement pending = judge.decide(args("2/3"), 7, ExitCodes.PENDING, false, documents.results(Runs.bytes(shard)), List.of());
        RunJudge.Judgement notAShard = judge.decide(args("2/3"), 7, 0, false, documents.results(Runs.bytes(Runs.passed())), List.of());
        RunJudge.Judgement unasked = judge.decide(args(null), 7, ExitCodes.PENDING, false, documents.results(Runs.bytes(shard)), List.of());

        assertThat(pending.outcome().result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(pending.results().verdict()).isEqualTo(Verdict.PENDING);
        assertThat(notAShard.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(notAShard.outcome().message()).contains("unsharded");
        assertThat(unasked.outcome().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(unasked.outcome().message()).contains("no shard was asked for");
    }
}
