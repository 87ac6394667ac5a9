package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendBuilderTest {
    private static final Instant T0 = Instant.parse("2025-11-20T08:00:00Z");

    /** Six builds, newest last: p95, rps and error rate of each, and its verdict. */
    private static final List<BuildRun> HISTORY = List.of(
            build(1, Verdict.PASSED, 350, 60, 0.01),
            build(2, Verdict.FAILED, 900, 30, 0.2),
            build(3, Verdict.PASSED, 420, 48, 0.02),
            build(4, Verdict.UNSTABLE, 450, 47, 0.03),
            build(5, Verdict.PASSED, 380, 55, 0.005),
            build(6, Verdict.PASSED, 500, 40, 0.04));

    @Test
    void shouldMakeOnePointPerBuildInTheGivenOrderWithItsVerdictAndLink() {
        Trend trend = new TrendBuilder(2).build(HISTORY);

        assertThat(trend.points()).extracting(TrendPoint::build).containsExactly("#1", "#2", "#3", "#4", "#5", "#6");
        assertThat(trend.points()).extracting(TrendPoint::verdict).containsExactly(Verdict.PASSED, Verdict.FAILED,
                Verdict.PASSED, Verdict.UNSTABLE, Verdict.PASSED, Verdict.PASSED);
        TrendPoint third = trend.points().get(2);
        assertThat(third.number()).isEqualTo(3);
        assertThat(third.url()).isEqualTo("job/checkout/3/");
        assertThat(third.startedAt()).isEqualTo(T0.plusSeconds(3 * 3600));
        assertThat(third.metrics()).containsEntry("p95", 420.0).containsEntry("rps", 48.0).containsEntry("errorRate", 0.02)
                .containsEntry("p50", 105.0).containsEntry("p99", 840.0);
    }

    @Test
    void shouldSpanTheBaselineOverTheLastKPassedBuildsBeforeTheNewest() {
        Trend trend = new TrendBuilder(2).build(HISTORY);

        assertThat(trend.baseline()).containsExactly(entry("p95", new Band(380, 420)), entry("rps", new Band(48, 55)),
                entry("errorRate", new Band(0.005, 0.02)));
    }

    @Test
    void shouldUseEveryPassedBuildWhenThereAreFewerThanK() {
        Trend trend = new TrendBuilder(10).build(HISTORY);

        assertThat(trend.baseline()).containsExactly(entry("p95", new Band(350, 420)), entry("rps", new Band(48, 60)),
                entry("errorRate", new Band(0.005, 0.02)));
    }

    @Test
    void shouldHaveNoBaselineWithoutAPassedBuildBeforeTheNewest() {
        Trend trend = new TrendBuilder(3).build(List.of(build(1, Verdict.FAILED, 900, 30, 0.2),
                build(2, Verdict.PASSED, 400, 50, 0.01)));

        assertThat(trend.baseline()).isEmpty();
    }

    @Test
    void shouldTakeEveryMetricTheRunMeasured() {
        RunResults run = run(Verdict.PASSED, 400, 50, 0.01).toBuilder()
                .processes(Map.of("api", proc(180), "worker", proc(300)))
                .queues(Map.of("a", queue(401, 2_500L), "b", queue(12, 900L)))
                .jobs(new JobsSummary(100, 95, 1, 1, 3, 0, 0, null, null, Map.of(), List.of()))
                .runCookie("sg-1")
                .orphans(ReportFixtures.run().orphans())
                .breakingPoint(new io.stressgate.engine.result.BreakingPoint("search",
                        io.stressgate.engine.result.BreakingPoint.Outcome.HELD_TO_MAX, 40.0, null, "did not break up to max 40/s",
                        40, 5000, List.of()))
                .checks(List.of(new CheckSummary("create", "has-id", "json /id exists", false, 90, 10)))
                .build();

        assertThat(TrendBuilder.metrics(run)).containsOnlyKeys(TrendBuilder.METRICS)
                .containsEntry("rssMax", 300.0 * 1024 * 1024).containsEntry("queueMax", 401.0)
                .containsEntry("drainMs", 2_500.0).containsEntry("lostJobs", 3.0).containsEntry("orphans", 1.0)
                .containsEntry("breakingPoint", 40.0);
    }

    @Test
    void shouldTakeTheCheckFailureRateOverEveryResponseEveryCheckWasPutTo() {
        RunResults run = run(Verdict.PASSED, 400, 50, 0.01).toBuilder().checks(List.of(
                new CheckSummary("create", "has-id", "json /id exists", true, 290, 10),
                new CheckSummary("create", "status", "status == 201", false, 300, 0),
                new CheckSummary("poll", "done", "json /state equals \"done\"", false, 0, 0))).build();

        assertThat(TrendBuilder.metrics(run)).containsEntry("checkFailRate", 10 / 600.0);
    }

    @Test
    void shouldLeaveOutTheCheckFailureRateWhenNoCheckWasPutToAResponse() {
        RunResults never = run(Verdict.PASSED, 400, 50, 0.01).toBuilder()
                .checks(List.of(new CheckSummary("poll", "done", "status == 200", false, 0, 0))).build();

        assertThat(TrendBuilder.metrics(never)).doesNotContainKey("checkFailRate");
        assertThat(TrendBuilder.metrics(run(Verdict.PASSED, 400, 50, 0.01))).doesNotContainKey("checkFailRate");
    }

    @Test
    void shouldLeaveOutWhatTheRunDidNotMeasureInsteadOfWritingZero() {
        RunResults nothing = new RunResults.Builder().runId("r").scenario(new ScenarioInfo("s", null, null, null, null))
                .startedAt(T0).build();

        assertThat(TrendBuilder.metrics(nothing)).isEmpty();
    }

    @Test
    void shouldLeaveOutTheDrainTimeWhenAQueueDidNotDrain() {
        RunResults run = run(Verdict.PASSED, 400, 50, 0.01).toBuilder()
                .queues(Map.of("a", queue(401, null), "b", queue(12, 900L))).build();

        assertThat(TrendBuilder.metrics(run)).containsEntry("queueMax", 401.0).doesNotContainKey("drainMs");
    }

    @Test
    void shouldLeaveOutTheErrorRateWhenNoRequestWasSent() {
        RunResults run = run(Verdict.PASSED, 400, 50, 0.01).toBuilder().load(Map.of(RunResults.ALL,
                new LoadSummary(0, 0, 5, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null))).build();

        assertThat(TrendBuilder.metrics(run)).containsOnlyKeys("rps");
    }

    @Test
    void shouldSerializeToTheJsonRenderTrendReads() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ResultsJson.toJson(new TrendBuilder(2).build(HISTORY)));

        assertThat(json.at("/points/0/build").asText()).isEqualTo("#1");
        assertThat(json.at("/points/1/verdict").asText()).isEqualTo("FAILED");
        assertThat(json.at("/points/2/metrics/p95").asDouble()).isEqualTo(420.0);
        assertThat(json.at("/points/2/startedAt").asText()).isEqualTo("2025-11-20T11:00:00Z");
        assertThat(json.at("/baseline/p95/low").asDouble()).isEqualTo(380.0);
        assertThat(json.at("/baseline/p95/high").asDouble()).isEqualTo(420.0);
    }

    @Test
    void shouldRefuseABaselineOfNoBuilds() {
        assertThatThrownBy(() -> new TrendBuilder(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    private static BuildRun build(int number, Verdict verdict, double p95, double rps, double errorRate) {
        RunResults run = run(verdict, p95, rps, errorRate).toBuilder().startedAt(T0.plusSeconds(number * 3600L)).build();
        assertThat(run.verdict()).isEqualTo(verdict);
        return new BuildRun("#" + number, number, "job/checkout/" + number + "/", run);
    }

    /** A run with the given totals (p50 a quarter and p99 twice the p95) and gates that give the verdict. */
    private static RunResults run(Verdict verdict, double p95, double rps, double errorRate) {
        long requests = 10_000;
        LoadSummary all = new LoadSummary(requests, Math.round(requests * errorRate), 0, 0, rps, errorRate, requests,
                ReportFixtures.latency(p95 / 4, p95, p95 * 2, p95 * 3), Map.of(), Map.of(), 0, null);
        List<GateResult> gates = switch (verdict) {
            case PASSED -> List.of();
            case UNSTABLE -> List.of(gate(Severity.UNSTABLE));
            case FAILED -> List.of(gate(Severity.FAIL));
            case PENDING -> throw new IllegalArgumentException("a trend never holds a shard's results");
        };
        return new RunResults.Builder().runId("run").scenario(new ScenarioInfo("checkout", null, null, null, null))
                .startedAt(T0).durationMs(60_000).load(Map.of(RunResults.ALL, all)).gates(gates).build();
    }

    private static GateResult gate(Severity severity) {
        return new GateResult("http.p95 < 400ms", "http.p95", severity, 450.0, "450ms", 400, "400ms", false,
                "broken: http.p95 was 450ms, limit < 400ms", GateResult.SCENARIO);
    }

    private static ProcessSummary proc(long rssMib) {
        return new ProcessSummary(List.of(1L), rssMib * 1024 * 1024, 10, 1, 1, 0, 1, 1L, 1L,
                List.of(new ProcessSummary.CountChange(0, 1)), 0L, 0L, List.of(), List.of());
    }

    private static QueueSummary queue(long maxDepth, Long drainMs) {
        return new QueueSummary("list", "q", maxDepth, drainMs == null ? 5 : 0, drainMs, drainMs != null, 100, List.of());
    }
}
