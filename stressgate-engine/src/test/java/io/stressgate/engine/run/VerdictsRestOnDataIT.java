package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.JobApi;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole runs whose data cannot carry a verdict: a dead API, a job id pointer that matches nothing, no gates at
 * all; and jobs still open when the load's graceful stop ran out, which are followed, not written off.
 */
class VerdictsRestOnDataIT {
    private static final String JOB_GATE_ONLY = "gates: [\"jobs.lost == 0\"]";

    private static RunResults run(String url, String yaml) throws Exception {
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS)
                .parse("it.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("cookie", Path.of("target"), 2))
                .start(scenario, LoadListener.NONE).await();
    }

    private static String jobScenario(String idPointer, String gates) {
        return """
                name: jobs
                target: ${TARGET}
                options: {drainTimeout: 3s}
                load:
                  - name: user
                    executor: constant-vus
                    vus: 2
                    duration: 1s
                    job:
                      submit: {name: create, method: POST, path: /jobs, expect: [201]}
                      id: %s
                      poll: {name: poll, path: "/jobs/{{id}}"}
                      every: 50ms
                      status: /data/status
                      done: [finished]
                      timeout: 60s
                %s
                """.formatted(idPointer, gates);
    }

    private static GateResult gate(RunResults r, String expression) {
        return r.gates().stream().filter(g -> g.expression().equals(expression)).findFirst().orElseThrow();
    }

    @Test
    void shouldFailAJobGateWhenTheApiIsDeadAndSayNoJobWasSubmitted() throws Exception {
        RunResults r = run(TestTarget.refusingUrl(), jobScenario("/id", JOB_GATE_ONLY));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.jobs().submitted()).isZero();
        assertThat(gate(r, "jobs.lost == 0").passed()).isFalse();
        assertThat(gate(r, "jobs.lost == 0").message()).contains("no job was submitted");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldNameAndCountAcceptedSubmitsWhoseReplyHasNoJobId() throws Exception {
        JobApi api = new JobApi(100);
        try (TestTarget target = api.start()) {
            RunResults r = run(target.url(), jobScenario("/job/id", JOB_GATE_ONLY));

            assertThat(api.submitted()).as("the API queued jobs").isGreaterThan(2);
            assertThat(r.jobs().submitted()).isZero();
            assertThat(r.jobs().unidentified()).isEqualTo(api.submitted());
            assertThat(r.jobs().unidentifiedExample()).startsWith("201 from create had no value at /job/id (body starts: {\"id\":\"Job-");
            assertThat(gate(r, "jobs.lost == 0").message()).contains("no job was submitted")
                    .contains("201 from create had no value at /job/id");
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        }
    }

    @Test
    void shouldNeverPassARunWithoutGatesInWhichEveryRequestWasRefused() throws Exception {
        RunResults r = run(TestTarget.refusingUrl(), """
                name: no gates
                target: ${TARGET}
                load: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: 1s, request: {path: /}}]
                """);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.all().errors()).isEqualTo(r.all().requests()).isPositive();
        assertThat(gate(r, "iterations.succeeded > 0").passed()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldPassTheBuiltInGateWhenOneIterationSucceeded() throws Exception {
        try (TestTarget target = TestTarget.fast()) {
            RunResults r = run(target.url(), """
                    name: alive
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: 1s, request: {path: /}}]
                    """);

            assertThat(gate(r, "iterations.succeeded > 0").passed()).isTrue();
            assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        }
    }

    @Test
    void shouldFollowJobsOpenAtTheGracefulStopAndTimeThemInsteadOfCountingTimeouts() throws Exception {
        JobApi api = new JobApi(3_000);
        try (TestTarget target = api.start()) {
            RunResults r = run(target.url(), """
                    name: slow jobs
                    target: ${TARGET}
                    options: {gracefulStop: 1s, drainTimeout: 10s}
                    load:
                      - name: storm
                        executor: burst
                        count: 6
                        job:
                          submit: {name: create, method: POST, path: /jobs, expect: [201]}
                          id: /id
                          poll: {name: poll, path: "/jobs/{{id}}"}
                          every: 50ms
                          status: /data/status
                          done: [finished]
                          timeout: 60s
                    gates: ["jobs.timeouts == 0", "jobs.min >= 3s"]
                    """);

            assertThat(r.jobs().submitted()).isEqualTo(6).isEqualTo(api.submitted());
            assertThat(r.jobs().timeouts()).as("no job's own 60s timeout passed").isZero();
            assertThat(r.jobs().completed()).isEqualTo(6);
            assertThat(r.jobs().latencyMs()).isNotNull();
            assertThat(timedJobs(r)).as("every completed job timed end to end").isEqualTo(6);
            assertThat(r.jobs().latencyMs().min()).isGreaterThanOrEqualTo(3_000);
            assertThat(r.gates()).allMatch(GateResult::passed);
        }
    }

    @Test
    void shouldNotWaitTheDrainTimeoutForAQueueOnARedisItNeverReached() throws Exception {
        String deadRedis = TestTarget.refusingUrl().replace("http://", "redis://");
        long start = System.nanoTime();
        RunResults r = run(TestTarget.refusingUrl(), """
                name: dead target, dead redis
                target: ${TARGET}
                options: {drainTimeout: 30s}
                redis: %s
                queues: [{name: default, type: rq}]
                load: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: 1s, request: {path: /}}]
                gates: ["queue{name=default}.max_depth < 100"]
                """.formatted(deadRedis));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        // waiting out the 30 s drain timeout would take longer than this whole bound
        assertThat(tookMs).as("the run took %d ms", tookMs).isLessThan(25_000);
        assertThat(r.queues().get("default").samples()).isZero();
        assertThat(gate(r, "queue{name=default}.max_depth < 100").message()).contains("never sampled");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    }

    private static long timedJobs(RunResults r) {
        return Histograms.decode(r.jobs().histogram()).getTotalCount();
    }
}
