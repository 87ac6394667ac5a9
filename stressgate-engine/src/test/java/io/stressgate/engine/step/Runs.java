package io.stressgate.engine.step;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.scenario.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Results documents for the step tests, built through the engine's own builder so they are valid by construction. */
final class Runs {
    static final String COOKIE = "4f1c2a9e-0d4b-4c61-9a57-2b8e6a1d3f00";

    private Runs() {
    }

    static GateResult gate(String expression, Severity severity, boolean passed) {
        return new GateResult(expression, "http.p99", severity, 250.0, "250ms", 200.0, "200ms", passed,
                (passed ? "holds: " : "broken: ") + "http.p99 was 250ms, limit < 200ms", GateResult.SCENARIO);
    }

    static RunResults.Builder builder() {
        LatencyMs latency = new LatencyMs(40, 80, 95.5, 180.25, 300, 420, 2, 50, 20);
        LoadSummary all = new LoadSummary(10_000, 12, 0, 1, 333.3, 0.0012, 10_000, latency, Map.of("200", 9_988L, "503", 12L),
                Map.of(), 1_000_000, null);
        return new RunResults.Builder()
                .runId(COOKIE)
                .runCookie(COOKIE)
                .scenario(new ScenarioInfo("checkout storm", null, "perf/storm.yml", null, "http://127.0.0.1:8080"))
                .startedAt(Instant.parse("2026-03-01T10:00:00Z"))
                .durationMs(30_000)
                .load(Map.of(RunResults.ALL, all))
                .jobs(new JobsSummary(500, 497, 1, 0, 2, 0, 0, null, null, Map.of("timeout", 2L), List.of("j-1", "j-2")))
                .orphans(List.of(new OrphanReport(4242, 1, "python worker.py", OrphanReport.Reason.COOKIE, null, true)));
    }

    static RunResults passed() {
        return builder().gates(List.of(gate("http.p99 < 500ms", Severity.FAIL, true))).build();
    }

    static RunResults unstable() {
        return builder().gates(List.of(gate("http.p99 < 500ms", Severity.FAIL, true),
                gate("http.p99 < 200ms", Severity.UNSTABLE, false))).build();
    }

    static RunResults failed() {
        return builder().gates(List.of(gate("http.p99 < 200ms", Severity.FAIL, false),
                gate("http.p95 < 100ms", Severity.UNSTABLE, false))).build();
    }

    /** The stand-in a run writes when it starts: what a killed run leaves. */
    static RunResults running() {
        return builder().status(RunStatus.RUNNING, "has not finished").gates(List.of()).build();
    }

    static RunResults interrupted() {
        return builder().status(RunStatus.INTERRUPTED, "SIGTERM from the agent").gates(List.of()).build();
    }

    /** What the regression check says when there is no baseline: no gates. */
    static RegressionReport noBaseline(RunResults results, String why) {
        return new RegressionAnalyzer(RegressionPolicy.DEFAULT).analyze(results, Baseline.none(why));
    }

    static byte[] bytes(RunResults results) {
        return ResultsJson.toJson(results).getBytes(StandardCharsets.UTF_8);
    }
}
