package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRun;
import io.stressgate.engine.run.StressRunner;
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

/** Whole runs against real HTTP targets on loopback: each one known to behave in one way. */
class LoadScenariosIT {
    private static Scenario scenario(String url, String yaml) throws Exception {
        return new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("it.yml", yaml, Path.of("."));
    }

    private static StressRun start(Scenario scenario) {
        return start(scenario, LoadListener.NONE);
    }

    private static StressRun start(Scenario scenario, LoadListener listener) {
        return new StressRunner(Clock.systemUTC(), new RunSettings("cookie", Path.of("target"), 2)).start(scenario, listener);
    }

    private static RunResults run(Scenario scenario) throws Exception {
        return start(scenario).await();
    }

    private static GateResult gate(RunResults r, String expression) {
        return r.gates().stream().filter(g -> g.expression().equals(expression)).findFirst().orElseThrow();
    }

    @Test
    void shouldMeasureASlowTargetsLatencyAndTheThroughputItAllowsClosedUsers() throws Exception {
        try (TestTarget target = TestTarget.slow(100)) {
            RunResults r = run(scenario(target.url(), """
                    name: slow
                    target: ${TARGET}
                    load: [{name: root, executor: constant-vus, vus: 10, duration: 2s, request: {path: /}}]
                    gates: ["http.p50 >= 100ms", "http.rps < 120"]
                    """));

            LoadSummary all = r.all();
            assertThat(all.latencyMs().p50()).isBetween(100.0, 250.0);
            assertThat(all.rps()).isBetween(40.0, 110.0); // 10 users / 0.1 s = at most 100/s
            assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        }
    }

    @Test
    void shouldCountUnexpectedStatusesAsErrorsOfTheirClass() throws Exception {
        try (TestTarget target = TestTarget.status(503)) {
            RunResults r = run(scenario(target.url(), """
                    name: errors
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 100/s, duration: 1s, request: {path: /}}]
                    gates: ["http.error_rate < 1%", "http.status_5xx == 100"]
                    """));

            assertThat(r.all().requests()).isEqualTo(100);
            assertThat(r.all().errors()).isEqualTo(100);
            assertThat(r.all().errorKinds()).containsExactly(Map.entry("http_5xx", 100L));
            assertThat(r.all().status()).containsExactly(Map.entry("503", 100L));
            assertThat(gate(r, "http.error_rate < 1%").passed()).isFalse();
            assertThat(gate(r, "http.status_5xx == 100").passed()).isTrue();
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        }
    }

    @Test
    void shouldMeasureADeadTargetAsFailuresNotCrash() throws Exception {
        RunResults r = run(scenario(TestTarget.refusingUrl(), """
                name: dead
                target: ${TARGET}
                load: [{name: root, executor: constant-arrival-rate, rate: 50/s, duration: 1s, request: {path: /}}]
                gates: ["http.errors == 0"]
                """));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.all().requests()).isEqualTo(50);
        assertThat(r.all().errorKinds()).containsExactly(Map.entry("connection_refused", 50L));
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldTimeOutARequestAndCountItsElapsedTimeAsLatency() throws Exception {
        try (TestTarget target = TestTarget.slow(2_000)) {
            RunResults r = run(scenario(target.url(), """
                    name: timeout
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: 1s, request: {path: /, timeout: 300ms}}]
                    """));

            assertThat(r.all().timeouts()).isEqualTo(20);
            assertThat(r.all().errorKinds()).containsExactly(Map.entry("timeout", 20L));
            assertThat(r.all().latencyMs().min()).isGreaterThanOrEqualTo(300.0);
        }
    }

    @Test
    void shouldDropIterationsTheOpenModelCannotStartAndSaySo() throws Exception {
        try (TestTarget target = TestTarget.slow(500)) {
            RunResults r = run(scenario(target.url(), """
                    name: dropped
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 100/s, duration: 1s, maxInFlight: 10, request: {path: /}}]
                    gates: ["http.dropped == 0"]
                    """));

            assertThat(r.all().dropped()).isBetween(70L, 90L); // 10 at once, each 0.5 s: about 20 of 100 can start
            assertThat(r.all().requests() + r.all().dropped()).isEqualTo(100);
            assertThat(r.phases().get(0).dropped()).isEqualTo(r.all().dropped());
            assertThat(gate(r, "http.dropped == 0").passed()).isFalse();
        }
    }

    @Test
    void shouldStartABurstAllAtOnceAndTimeItFromTheIntendedStart() throws Exception {
        try (TestTarget target = TestTarget.slow(200)) {
            RunResults r = run(scenario(target.url(), """
                    name: storm
                    target: ${TARGET}
                    load: [{name: storm, executor: burst, count: 300, request: {path: /}}]
                    """));

            assertThat(r.all().requests()).isEqualTo(300);
            assertThat(target.served()).isEqualTo(300);
            // 64 server threads, 0.2 s each: the last of 300 waits about five rounds
            assertThat(r.all().latencyMs().max()).isGreaterThan(800.0);
            assertThat(r.phases().get(0).maxConcurrency()).isGreaterThan(64);
        }
    }

    @Test
    void shouldFollowAJobFromSubmitToDoneAndTimeItEndToEnd() throws Exception {
        JobApi api = new JobApi(300);
        try (TestTarget target = api.start()) {
            RunResults r = run(scenario(target.url(), """
                    name: compose
                    target: ${TARGET}
                    load:
                      - name: user
                        executor: constant-vus
                        vus: 4
                        duration: 2s
                        job:
                          submit: {name: create, method: POST, path: /jobs, json: {clips: 2}, expect: [201]}
                          id: /id
                          poll: {name: poll, path: "/jobs/{{id}}"}
                          every: 50ms
                          status: /data/status
                          done: [finished]
                          timeout: 60s
                          then: [{name: download, path: "/jobs/{{id}}/result"}]
                    gates: ["jobs.p95 < 2s", "jobs.p50 >= 300ms", "http{name=download}.errors == 0"]
                    """));

            assertThat(r.jobs().submitted()).isEqualTo(api.submitted()).isGreaterThan(8);
            assertThat(r.jobs().completed()).isEqualTo(r.load().get("download").requests()).isEqualTo(r.jobs().submitted());
            assertThat(r.jobs().lost()).isZero();
            assertThat(r.load().get("poll").requests()).isGreaterThan(r.jobs().completed() * 4);
            assertThat(r.gates()).allMatch(GateResult::passed);
        }
    }

    @Test
    void shouldEndAStoppedRunAsInterruptedWithPartialResultsAndNeverPass() throws Exception {
        try (TestTarget target = TestTarget.fast()) {
            java.util.concurrent.CountDownLatch intervals = new java.util.concurrent.CountDownLatch(2);
            StressRun run = start(scenario(target.url(), """
                    name: long
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 100/s, duration: 60s, request: {path: /}}]
                    """), live -> intervals.countDown());
            assertThat(intervals.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("two intervals of load").isTrue();
            run.stop("stopped by the test");
            RunResults r = run.await();

            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(r.statusReason()).isEqualTo("stopped by the test");
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.all().requests()).isBetween(100L, 250L);
            assertThat(r.durationMs()).isLessThan(10_000);
        }
    }

    @Test
    void shouldStopTheRunWhenAnAbortOnFailGateBreaksAfterItsDelay() throws Exception {
        try (TestTarget target = TestTarget.status(500)) {
            RunResults r = run(scenario(target.url(), """
                    name: abort
                    target: ${TARGET}
                    load: [{name: root, executor: constant-arrival-rate, rate: 50/s, duration: 60s, request: {path: /}}]
                    gates:
                      - {expr: "http.error_rate < 10%", abortOnFail: true, delay: 2s}
                    """));

            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(r.statusReason()).contains("http.error_rate < 10%").contains("abortOnFail");
            assertThat(r.durationMs()).isBetween(2_000L, 8_000L);
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        }
    }

    @Test
    void shouldRunPhasesSideBySideAndInSequence() throws Exception {
        try (TestTarget target = TestTarget.fast()) {
            RunResults r = run(scenario(target.url(), """
                    name: phases
                    target: ${TARGET}
                    load:
                      - {name: first, executor: constant-arrival-rate, rate: 50/s, duration: 1s, request: {name: a, path: /a}}
                      - {name: second, executor: constant-arrival-rate, rate: 50/s, duration: 1s, request: {name: b, path: /b}}
                      - {name: beside, executor: constant-arrival-rate, rate: 50/s, duration: 1s, startAfter: 0s, request: {name: c, path: /c}}
                    """));

            assertThat(r.phases()).extracting(p -> p.name()).containsExactly("first", "second", "beside");
            assertThat(r.phases().get(1).startMs()).isGreaterThanOrEqualTo(r.phases().get(0).endMs());
            assertThat(r.phases().get(2).startMs()).isLessThan(r.phases().get(0).endMs());
            assertThat(r.load().get("a").requests()).isEqualTo(50);
            assertThat(r.load().get("b").requests()).isEqualTo(50);
            assertThat(r.load().get("c").requests()).isEqualTo(50);
            assertThat(r.all().requests()).isEqualTo(150);
        }
    }
}
