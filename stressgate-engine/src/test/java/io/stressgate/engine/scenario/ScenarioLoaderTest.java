package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final String HELLO = """
            name: hello
            target: ${TARGET}
            load:
              - name: root
                executor: constant-vus
                vus: 64
                duration: 10s
                request: {method: GET, path: /}
            gates:
              - http.p95 < 1s
              - http.error_rate < 1%
              - {expr: "http.rps > 100000000", severity: unstable}
            """;

    private static final String PACED = """
            name: paced
            target: ${TARGET}
            load:
              - name: paced
                executor: constant-arrival-rate
                rate: 2000/s
                duration: 10s
                maxInFlight: 4000
                request: {method: GET, path: /, timeout: 5s}
            gates:
              - http.dropped == 0
            """;

    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of("TARGET", "http://127.0.0.1:8080")),
            ScenarioLimits.DEFAULTS);

    private Scenario load(String text) throws ScenarioException {
        return loader.parse("test.yml", text, Path.of("."));
    }

    private ScenarioException problems(String text) {
        return catchThrowableOfType(ScenarioException.class, () -> load(text));
    }

    @Test
    void shouldReadTheHelloScenarioAsWritten() throws Exception {
        Scenario scenario = load(HELLO);

        assertThat(scenario.name()).isEqualTo("hello");
        assertThat(scenario.target().toString()).isEqualTo("http://127.0.0.1:8080");
        LoadPhase phase = scenario.load().get(0);
        assertThat(phase.executor()).isEqualTo(new ExecutorSpec.ConstantVus(64, Duration.ofSeconds(10)));
        assertThat(phase.flow().first().origin().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(phase.flow().first().pathAndQuery().text()).isEqualTo("/");
        assertThat(scenario.gates()).extracting(GateSpec::text)
                .containsExactly("http.p95 < 1s", "http.error_rate < 1%", "http.rps > 100000000");
        assertThat(scenario.gates().get(0).expression().limit()).isEqualTo(1000.0);
        assertThat(scenario.gates().get(1).expression().limit()).isEqualTo(0.01);
        assertThat(scenario.gates().get(2).severity()).isEqualTo(Severity.UNSTABLE);
    }

    @Test
    void shouldReadThePacedScenarioAsWritten() throws Exception {
        Scenario scenario = load(PACED);

        ExecutorSpec.ConstantArrivalRate executor = (ExecutorSpec.ConstantArrivalRate) scenario.load().get(0).executor();
        assertThat(executor.rate().perSecond()).isEqualTo(2000.0);
        assertThat(executor.maxInFlight()).isEqualTo(4000);
        assertThat(scenario.load().get(0).flow().first().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseAMissingVariableWithItsLocation() {
        ScenarioLoader noVars = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS);

        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> noVars.parse("hello.yml", HELLO, Path.of(".")));

        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.location()).isEqualTo(new Location("hello.yml", 2, 9));
        assertThat(p.path()).isEqualTo("target");
        assertThat(p.message()).contains("${TARGET}").contains("--var TARGET=");
    }

    @Test
    void shouldReportEveryProblemAtOnceWithLineColumnAndKeyPath() {
        ScenarioException e = problems("""
                name: broken
                target: http://127.0.0.1:1
                load:
                  - name: a
                    executor: constant-vu
                    vus: 64
                    duration: 10s
                    request: {path: /}
                  - name: b
                    executor: constant-vus
                    vus: 10000000
                    duration: 10 years
                    request: {path: /, timeoutt: 5s}
                gates:
                  - http.p95 < 500
                """);

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("test.yml:5:15: load[0].executor: unknown executor \"constant-vu\"; did you mean \"constant-vus\"?"),
                p -> assertThat(p).startsWith("test.yml:11:10: load[1].vus: vus 10000000 must be between 1 and 100000"),
                p -> assertThat(p).startsWith("test.yml:12:15: load[1].duration: \"10 years\" is not a duration"),
                p -> assertThat(p).startsWith("test.yml:13:24: load[1].request.timeoutt: unknown key \"timeoutt\"; did you mean \"timeout\"?"),
                p -> assertThat(p).startsWith("test.yml:15:5: gates[0]: gate \"http.p95 < 500\": duration \"500\" has no unit"));
    }

    @Test
    void shouldRefuseAbsurdSizesBeforeRunning() {
        ScenarioException e = problems("""
                name: absurd
                target: http://127.0.0.1:1
                load:
                  - name: forever
                    executor: constant-arrival-rate
                    rate: 2000/s
                    duration: 3650d
                    maxInFlight: 10M
                    request: {path: /}
                """);

        assertThat(e.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("longer than the limit 7d"))
                .anySatisfy(m -> assertThat(m).contains("maxInFlight 10000000 must be between 1 and 100000"));
    }

    @Test
    void shouldRefuseARampStageThatEndsBeforeItStarts() {
        ScenarioException e = problems("""
                name: ramp
                target: http://127.0.0.1:1
                load:
                  - name: up
                    executor: ramping-vus
                    stages:
                      - {until: 30s, target: 50}
                      - {until: 20s, target: 100}
                    request: {path: /}
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("load[0].stages[1].until");
            assertThat(p.message()).contains("ends at 20s, before it starts at 30s");
        });
    }

    @Test
    void shouldRefuseAGateOnARequestNameTheScenarioDoesNotHave() {
        ScenarioException e = problems("""
                name: typo
                target: http://127.0.0.1:1
                load:
                  - name: create
                    executor: constant-vus
                    vus: 1
                    duration: 1s
                    request: {method: POST, path: /jobs}
                gates:
                  - http{name=crate}.p95 < 1s
                  - jobs.p95 < 30s
                """);

        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "gate \"http{name=crate}.p95 < 1s\": no request is named \"crate\" (requests: create); did you mean \"create\"?",
                "gate \"jobs.p95 < 30s\": no phase runs a job chain, so jobs are never measured");
    }

    @Test
    void shouldRefuseYamlTagsAndAliasesWithoutBuildingAnything() {
        ScenarioException e = problems("""
                name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:9/"]]]]
                base: &a [x, x, x]
                target: *a
                load: []
                """);

        assertThat(e.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("type tags"))
                .anySatisfy(m -> assertThat(m).contains("anchors and aliases"));
    }

    @Test
    void shouldReadAJobChainWithItsPlaceholders() throws Exception {
        Scenario scenario = load("""
                name: compose
                target: http://127.0.0.1:1
                load:
                  - name: user
                    executor: constant-vus
                    vus: 2
                    duration: 2s
                    job:
                      submit: {name: create, method: POST, path: /jobs, json: {clips: 2, title: "a b"}, expect: [201, 202]}
                      id: /id
                      poll: {name: poll, path: "/jobs/{{id}}"}
                      every: 100ms
                      status: data.status
                      done: [finished]
                      timeout: 20s
                      then:
                        - {name: download, path: "/jobs/{{id}}/result"}
                gates:
                  - jobs.p95 < 30s
                  - http{name=download}.p99 < 2s
                """);

        JobChain chain = (JobChain) scenario.load().get(0).flow();
        assertThat(chain.submit().extract()).containsEntry("id", "/id");
        assertThat(chain.statusPointer()).isEqualTo("/data/status");
        assertThat(chain.poll().pathAndQuery().placeholders()).containsExactly("id");
        assertThat(((Body.Text) chain.submit().body()).template().text()).isEqualTo("{\"clips\":2,\"title\":\"a b\"}");
        assertThat(((Body.Text) chain.submit().body()).json()).as("written as json:, so its values are escaped as JSON").isTrue();
        assertThat(scenario.requestNames()).containsExactly("create", "poll", "download");
    }

    @Test
    void shouldRefuseAPlaceholderNoEarlierRequestExtracts() {
        ScenarioException e = problems("""
                name: flow
                target: http://127.0.0.1:1
                load:
                  - name: user
                    executor: constant-vus
                    vus: 1
                    duration: 1s
                    requests:
                      - {name: show, path: "/items/{{itemId}}"}
                      - {name: login, method: POST, path: /login, extract: {itemId: /id}}
                """);

        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith("placeholder {{itemId}} is not extracted by an earlier request"));
    }

    @Test
    void shouldRunPhasesInSequenceUnlessStartAfterSaysOtherwise() throws Exception {
        Scenario scenario = load("""
                name: phases
                target: http://127.0.0.1:1
                load:
                  - {name: warm, executor: constant-vus, vus: 1, duration: 5s, request: {path: /}}
                  - {name: main, executor: constant-vus, vus: 1, duration: 10s, request: {path: /}}
                  - {name: side, executor: constant-vus, vus: 1, duration: 3s, startAfter: 0s, request: {path: /}}
                  - {name: tail, executor: burst, count: 100, startAfter: warm+2s, request: {path: /}}
                """);

        PhasePlan plan = new PhasePlan(scenario.load());
        assertThat(plan.start("main")).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.start("side")).isEqualTo(Duration.ZERO);
        assertThat(plan.start("tail")).isEqualTo(Duration.ofSeconds(7));
        assertThat(scenario.scheduledDuration()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void shouldRefuseAStartAfterCycle() {
        assertThatThrownBy(() -> load("""
                name: cycle
                target: http://127.0.0.1:1
                load:
                  - {name: a, executor: constant-vus, vus: 1, duration: 1s, startAfter: b, request: {path: /}}
                  - {name: b, executor: constant-vus, vus: 1, duration: 1s, startAfter: a, request: {path: /}}
                """)).isInstanceOf(ScenarioException.class).hasMessageContaining("waits for itself");
    }

    @Test
    void shouldReadJsonScenarios() throws Exception {
        Scenario scenario = loader.parse("paced.json", """
                {"name": "j", "target": "http://127.0.0.1:1",
                 "load": [{"name": "p", "executor": "burst", "count": 10, "request": {"path": "/"}}]}
                """, Path.of("."));

        assertThat(scenario.load().get(0).executor()).isEqualTo(new ExecutorSpec.Burst(10, Duration.ZERO, 10));
    }
}
