package io.stressgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Known answers: a run whose latencies are exactly 1..1000 ms, 1000 requests, 10 errors, over 10 s. */
class GateEvaluatorTest {
    private static final RunResults RUN = run();

    private static RunResults run() {
        Histogram h = Histograms.forRequests();
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1000L);
        }
        LoadSummary all = new LoadSummary(1000, 10, 3, 2, 100.0, 0.01, 1000, Histograms.latency(h),
                Map.of("200", 990L, "503", 10L), Map.of("http_5xx", 10L), 1000, Histograms.encode(h));
        JobsSummary jobs = new JobsSummary(20, 17, 1, 0, 2, 0, 2, null, null, Map.of(), List.of());
        return new RunResults.Builder().load(Map.of("all", all, "create", all)).jobs(jobs).build();
    }

    private static GateResult gate(String text) {
        GateSpec spec = new GateSpec(GateExpression.parse(text), Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1));
        return new GateEvaluator().evaluate(spec, new ResultsMetrics(RUN));
    }

    private static GateResult checksGate(String text, List<CheckSummary> checks) {
        GateSpec spec = new GateSpec(GateExpression.parse(text), Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1));
        return new GateEvaluator().evaluate(spec, new ResultsMetrics(RUN.toBuilder().checks(checks).build()));
    }

    @Test
    void shouldSumChecksOverTheNameAndRequestTheLabelsSelect() {
        List<CheckSummary> checks = List.of(new CheckSummary("create", "has-id", "json /id exists", false, 99, 1),
                new CheckSummary("poll", "has-id", "json /id exists", false, 50, 50),
                new CheckSummary("create", "request-id", "header X-Request-ID exists", true, 100, 0));

        assertThat(checksGate("checks{name=has-id}.rate > 99%", checks).actual()).isEqualTo(149 / 200.0);
        assertThat(checksGate("checks{request=create,name=has-id}.rate > 98%", checks).passed()).isTrue();
        assertThat(checksGate("checks{request=create}.fails == 1", checks).passed()).isTrue();
        assertThat(checksGate("checks.fails == 0", checks).actual()).isEqualTo(51.0);
        assertThat(checksGate("checks.runs == 300", checks).passed()).isTrue();
        assertThat(checksGate("checks{name=request-id}.passes >= 100", checks).passed()).isTrue();
    }

    @Test
    void shouldBreakAGateOverChecksThatNeverRanOrDoNotExistInsteadOfPassingIt() {
        List<CheckSummary> neverRan = List.of(new CheckSummary("poll", "queued", "json /status equals \"queued\"", false, 0, 0));

        GateResult never = checksGate("checks{name=queued}.fails == 0", neverRan);
        GateResult unknown = checksGate("checks{name=has-id}.fails == 0", neverRan);
        GateResult none = checksGate("checks.fails == 0", List.of());

        assertThat(never.passed()).isFalse();
        assertThat(never.actual()).isNull();
        assertThat(never.message()).contains("check queued never ran: no response was checked");
        assertThat(unknown.passed()).isFalse();
        assertThat(unknown.message()).contains("no check has-id was declared");
        assertThat(none.passed()).isFalse();
        assertThat(none.message()).contains("the run has no checks");
    }

    @Test
    void shouldTakeTheRecoveryOfProbedActionsAndLeaveActionsWithoutAProbeOut() {
        ChaosEvent noProbe = new ChaosEvent("pause", "pause", 1_000, "schedule", "STOP", List.of(), ChaosEvent.Outcome.DONE, "paused",
                null, 2_000L, "matches", "first", null);
        ChaosEvent recovered = new ChaosEvent("kill", "kill", 5_000, "schedule", "KILL", List.of(), ChaosEvent.Outcome.DONE, "sent",
                1_500L, null, "children", "first", "tcp 127.0.0.1:8000");
        ChaosEvent notRecovered = new ChaosEvent("kill", "kill", 5_000, "schedule", "KILL", List.of(), ChaosEvent.Outcome.DONE,
                "sent; recovery was not probed to the end", null, null, "children", "first", "tcp 127.0.0.1:8000");
        GateSpec spec = new GateSpec(GateExpression.parse("chaos.recovery_max < 2s"), Severity.FAIL, false, Duration.ZERO,
                new Location("t", 1, 1));

        GateResult measured = new GateEvaluator().evaluate(spec,
                new ResultsMetrics(RUN.toBuilder().chaos(List.of(noProbe, recovered)).build()));
        GateResult unknown = new GateEvaluator().evaluate(spec,
                new ResultsMetrics(RUN.toBuilder().chaos(List.of(noProbe, notRecovered)).build()));

        assertThat(measured.passed()).isTrue();
        assertThat(measured.actual()).isEqualTo(1500.0);
        assertThat(unknown.passed()).isFalse();
        assertThat(unknown.message()).contains("did not recover");
    }

    @Test
    void shouldDecideLatencyGatesOnMergedPercentiles() {
        assertThat(gate("http.p95 < 951ms").passed()).isTrue();
        assertThat(gate("http.p95 < 950ms").passed()).isFalse();
        assertThat(gate("http.p99 <= 1s").actual()).isCloseTo(990.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(gate("http.max == 1s").passed()).isFalse(); // 1000 ms is recorded as 1000.447 ms at three digits
        assertThat(gate("http.mean < 501ms").passed()).isTrue();
        assertThat(gate("http.p(99.9) > 998ms").passed()).isTrue();
        assertThat(gate("http.p75 < 751ms").passed()).as("a percentile not stored is read from the histogram").isTrue();
    }

    @Test
    void shouldDecideCountsRatesAndShares() {
        assertThat(gate("http.rps > 100").passed()).isFalse();
        assertThat(gate("http.rps >= 100/s").passed()).isTrue();
        assertThat(gate("http.error_rate < 1%").passed()).isFalse();
        assertThat(gate("http.error_rate <= 1%").passed()).isTrue();
        assertThat(gate("http.errors == 10").passed()).isTrue();
        assertThat(gate("http.dropped == 0").passed()).isFalse();
        assertThat(gate("http.status_5xx != 0").passed()).isTrue();
        assertThat(gate("http{name=create}.p95 < 1s").passed()).isTrue();
        assertThat(gate("jobs.lost == 0").passed()).isFalse();
    }

    @Test
    void shouldBreakAGateWhoseMetricTheRunDidNotProduce() {
        GateResult missing = gate("http{name=download}.p95 < 1s");
        GateResult noJobTimes = gate("jobs.p95 < 30s");

        assertThat(missing.passed()).isFalse();
        assertThat(missing.actual()).isNull();
        assertThat(missing.message()).isEqualTo("http{name=download}.p95 was not measured: no request named download ran");
        assertThat(noJobTimes.passed()).isFalse();
        assertThat(noJobTimes.message()).contains("nothing was timed");
    }

    @Test
    void shouldSayWhatWasMeasuredAgainstWhichLimit() {
        assertThat(gate("http.p95 < 500ms").message()).isEqualTo("broken: http.p95 was 950.271ms, limit < 500ms");
        assertThat(gate("http.error_rate < 2%").message()).isEqualTo("holds: http.error_rate was 1%, limit < 2%");
    }

    @Test
    void shouldNeverPassARunThatDidNotComplete() {
        assertThat(Verdict.of(RunStatus.INTERRUPTED, List.of())).isEqualTo(Verdict.FAILED);
        assertThat(Verdict.of(RunStatus.ERROR, List.of())).isEqualTo(Verdict.FAILED);
        GateResult brokenUnstable = new GateResult("x", "x", Severity.UNSTABLE, 1.0, "1", 0, "0", false, "", GateResult.SCENARIO);
        GateResult brokenFail = new GateResult("y", "y", Severity.FAIL, 1.0, "1", 0, "0", false, "", GateResult.SCENARIO);
        assertThat(Verdict.of(RunStatus.COMPLETED, List.of(brokenUnstable))).isEqualTo(Verdict.UNSTABLE);
        assertThat(Verdict.of(RunStatus.COMPLETED, List.of(brokenUnstable, brokenFail))).isEqualTo(Verdict.FAILED);
    }

    private static GateResult gate(String text, RunResults run) {
        GateSpec spec = new GateSpec(GateExpression.parse(text), Severity.FAIL, false, Duration.ZERO, new Location("t", 1, 1));
        return new GateEvaluator().evaluate(spec, new ResultsMetrics(run));
    }

    @Test
    void shouldShowALimitAsWrittenAndTheValueInItsUnit() {
        RunResults run = new RunResults.Builder().processes(Map.of("api",
                new ProcessSummary(List.of(1L), 412_300_000, 50, 10, 20, 0, 1,
                        1L, 1L, List.of(), 0L, 0L, List.of(), List.of()))).build();

        GateResult g = gate("process{name=api}.rss_max < 400MB", run);

        assertThat(g.limitText()).isEqualTo("400MB");
        assertThat(g.actualText()).isEqualTo("412.3MB");
        assertThat(g.message()).isEqualTo("broken: process{name=api}.rss_max was 412.3MB, limit < 400MB");
        assertThat(gate("process{name=api}.rss_max < 512MiB", run).limitText()).isEqualTo("512MiB");
    }

    @Test
    void shouldBreakEveryGateOnAQueueWhoseKeyWasNeverSeen() {
        RunResults run = new RunResults.Builder().queues(Map.of("default", new QueueSummary("list", "default", 0, 0, 94L,
                true, 40, List.of(), false, null, null))).build();

        for (String text : List.of("queue{name=default}.max_depth < 100", "queue{name=default}.depth == 0",
                "queue{name=default}.drain < 30s")) {
            GateResult g = gate(text, run);
            assertThat(g.passed()).as(text).isFalse();
            assertThat(g.message()).contains("the key default (type list) was never seen");
        }
    }

    @Test
    void shouldGateOnCeleryUnackedTasksAndBreakWhenTheLayoutHasNone() {
        RunResults run = new RunResults.Builder().queues(Map.of(
                "celery", new QueueSummary("celery", "celery", 40, 0, null, false, 40, List.of(), true, 4L, 4L),
                "rq", new QueueSummary("rq", "rq:queue:default", 40, 0, 10L, true, 40, List.of(), true, null, null))).build();

        assertThat(gate("queue{name=celery}.unacked == 0", run).actual()).isEqualTo(4.0);
        assertThat(gate("queue{name=celery}.unacked == 0", run).passed()).isFalse();
        assertThat(gate("queue{name=rq}.unacked == 0", run).passed()).isFalse();
    }

    @Test
    void shouldBreakJobGatesWhenNoJobWasSubmittedButStillCountUnidentifiedSubmits() {
        JobsSummary none = new JobsSummary(0, 0, 0, 0, 0, 0, 0, null, null, Map.of(), List.of(), 20L,
                "202 from create had no value at /job/id (body starts: {\"uuid\":1})", List.of(), 0L);
        RunResults run = new RunResults.Builder().jobs(none).build();

        assertThat(gate("jobs.lost == 0", run).passed()).isFalse();
        assertThat(gate("jobs.lost == 0", run).message()).contains("no job was submitted")
                .contains("202 from create had no value at /job/id");
        assertThat(gate("jobs.submitted > 0", run).passed()).isFalse();
        assertThat(gate("jobs.unidentified == 20", run).passed()).isTrue();
    }
}
