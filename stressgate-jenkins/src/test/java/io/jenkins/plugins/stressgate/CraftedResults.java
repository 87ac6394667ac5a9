package io.jenkins.plugins.stressgate;

import hudson.model.Result;
import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.scenario.Severity;
import io.stressgate.engine.step.RunJudge;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Results as a hostile agent could write them (names that are markup), recorded on a finished build through the
 * same path the step uses, so the pages can be checked without running a scenario.
 */
final class CraftedResults {
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SVG = "\"><svg onload=alert(2)>";
    static final String SCRIPT = "</script><script>alert(3)</script>";

    private CraftedResults() {
    }

    static RunResults hostile() {
        LatencyMs latency = new LatencyMs(10, 20, 30, 40, 50, 60, 1, 15, 5);
        LoadSummary all = new LoadSummary(100, 0, 0, 0, 50, 0, 100, latency, Map.of("200", 100L), Map.of(), 1000, null);
        GateResult gate = new GateResult(SVG + " < 1ms", "http.p99", Severity.UNSTABLE, 40.0, "40ms", 1.0, "1ms", false,
                "broken: " + SCRIPT, GateResult.SCENARIO);
        return new RunResults.Builder().runId("crafted-1").runCookie("crafted-1")
                .scenario(new ScenarioInfo(IMG, "javascript:alert(4)", "perf/x.yml", null, "http://127.0.0.1:1"))
                .startedAt(Instant.parse("2026-03-01T10:00:00Z")).durationMs(2000)
                .load(Map.of(RunResults.ALL, all, SCRIPT, all)).gates(List.of(gate)).build();
    }

    /** A finished build of a new job with the hostile results recorded as its stressTest call. */
    static WorkflowRun recordedOn(JenkinsRule j, String jobName) throws Exception {
        WorkflowJob p = Pipelines.job(j, jobName, "echo 'no scenario here'");
        WorkflowRun b = j.buildAndAssertStatus(Result.SUCCESS, p);
        RunResults results = hostile();
        StressGateRunAction.of(b).record("perf/x.yml", "crafted-1", results,
                new RunJudge().judge("perf/x.yml", results, new RegressionAnalyzer(RegressionPolicy.DEFAULT)
                        .analyze(results, Baseline.none("no baseline"))).outcome());
        return b;
    }
}
