package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SteppingReaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of("TARGET", "http://127.0.0.1:8080")),
            ScenarioLimits.DEFAULTS);

    private Scenario load(String text) throws ScenarioException {
        return loader.parse("steps.yml", text, Path.of("."));
    }

    @Test
    void shouldReadTheStepsAndStopConditionsAsWritten() throws Exception {
        Scenario scenario = load("""
                name: breaking point
                target: ${TARGET}
                queues: [{name: default, type: list}]
                redis: redis://127.0.0.1:6379/0
                load:
                  - name: search
                    executor: stepping-arrival-rate
                    start: 10/s
                    step: 5/s
                    stepDuration: 10s
                    max: 42/s
                    maxInFlight: 200
                    stopWhen: ["http.p95 > 1s", "http.error_rate > 1%", "queue{name=default}.max_depth > 100"]
                    request: {path: /}
                gates: ["load.breaking_point >= 20/s"]
                """);

        var spec = (ExecutorSpec.SteppingArrivalRate) scenario.load().get(0).executor();
        assertThat(spec.steps()).isEqualTo(7);
        assertThat(spec.rate(6).perSecond()).isEqualTo(40.0);
        assertThat(spec.duration()).isEqualTo(Duration.ofSeconds(70));
        assertThat(spec.maxInFlight()).isEqualTo(200);
        assertThat(spec.stopWhen()).extracting(c -> c.expression().text())
                .containsExactly("http.p95 > 1s", "http.error_rate > 1%", "queue{name=default}.max_depth > 100");
        assertThat(spec.stopWhen().get(0).location().line()).isEqualTo(13);
        assertThat(scenario.gates().get(0).expression().limit()).isEqualTo(20.0);
    }

    @Test
    void shouldReportEveryProblemOfASteppingPhaseAtOnceWithItsKey() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                name: bad steps
                target: ${TARGET}
                load:
                  - name: search
                    executor: stepping-arrival-rate
                    start: 0/s
                    step: 5/s
                    stepDuration: 1500ms
                    stopWhen: ["jobs.lost > 0", "http.p95 > 1", "queue{name=nope}.depth > 5"]
                    request: {path: /}
                """));

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).contains("steps.yml:4").contains("\"max\" is required"),
                p -> assertThat(p).contains("steps.yml:6").contains("load[0].start").contains("never raises the load"),
                p -> assertThat(p).contains("steps.yml:8").contains("load[0].stepDuration").contains("whole number of intervals"),
                p -> assertThat(p).contains("steps.yml:9").contains("load[0].stopWhen[0]").contains("not jobs"),
                p -> assertThat(p).contains("steps.yml:9").contains("load[0].stopWhen[1]").contains("http.p95 > 1"),
                p -> assertThat(p).contains("steps.yml:9").contains("load[0].stopWhen[2]").contains("declares no queues"));
    }

    @Test
    void shouldRefuseABreakingPointGateWithoutASteppingPhase() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                name: no steps
                target: ${TARGET}
                load:
                  - {name: flat, executor: constant-arrival-rate, rate: 10/s, duration: 5s, request: {path: /}}
                gates: ["load.breaking_point >= 200/s"]
                """));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(5);
            assertThat(p.message()).contains("no phase is a stepping-arrival-rate phase");
        });
    }

    @Test
    void shouldRefuseAMaxBelowTheStart() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                name: downhill
                target: ${TARGET}
                load:
                  - {name: a, executor: stepping-arrival-rate, start: 10/s, step: 5/s, stepDuration: 5s, max: 5/s,
                     stopWhen: "http.p95 > 1s", request: {path: /}}
                """));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("load[0].max");
            assertThat(p.message()).contains("max 5/s is below start 10/s");
        });
    }

    @Test
    void shouldRefuseTwoSteppingPhases() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                name: two searches
                target: ${TARGET}
                load:
                  - {name: b, executor: stepping-arrival-rate, start: 10/s, step: 5/s, stepDuration: 5s, max: 20/s,
                     stopWhen: "http.p95 > 1s", request: {path: /}}
                  - {name: c, executor: stepping-arrival-rate, start: 10/s, step: 5/s, stepDuration: 5s, max: 20/s,
                     stopWhen: "http.p95 > 1s", request: {path: /}}
                """));

        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "only one phase may look for the breaking point; 2 are stepping-arrival-rate: b, c");
    }
}
