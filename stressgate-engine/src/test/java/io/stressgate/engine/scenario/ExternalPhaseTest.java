package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalPhaseTest {
    private static final String HEAD = """
            name: tool
            load:
            """;

    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS);

    private Scenario load(String load) throws ScenarioException {
        return loader.parse("tool.yml", HEAD + load, Path.of("/srv/app"));
    }

    private List<String> messages(String load) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load(load));
        assertThat(e).as("the scenario should have been refused").isNotNull();
        return e.problems().stream().map(p -> p.location().line() + ": " + p.message()).toList();
    }

    @Test
    void shouldReadAnExternalPhaseAsWritten() throws Exception {
        LoadPhase phase = load("""
                  - name: locust
                    executor: external
                    command: [locust, -f, locustfile.py, --headless, --csv, "{{out}}/locust"]
                    env: {LOCUST_HOST: "http://127.0.0.1:8080", OUT: "{{ out }}"}
                    workdir: load
                    duration: 8s
                    timeout: 30s
                    results: {format: Locust, path: "{{out}}/locust"}
                    thresholdExitCodes: [3, 4]
                    stop: {signal: INT, grace: 5s}
                """).load().get(0);

        ExecutorSpec.External e = (ExecutorSpec.External) phase.executor();
        assertThat(e.tool().command()).containsExactly("locust", "-f", "locustfile.py", "--headless", "--csv", "{{out}}/locust");
        assertThat(e.tool().env()).containsEntry("OUT", "{{ out }}");
        assertThat(e.tool().workdir()).isEqualTo("/srv/app/load");
        assertThat(e.tool().stop().signal()).isEqualTo("INT");
        assertThat(e.duration()).isEqualTo(Duration.ofSeconds(8));
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.results()).isEqualTo(new ExecutorSpec.ResultsFile("locust", "{{out}}/locust"));
        assertThat(e.thresholdExitCodes()).containsExactlyInAnyOrder(3, 4);
        assertThat(phase.flow().requests()).isEmpty();
    }

    @Test
    void shouldDefaultTheTimeoutAndEachToolsThresholdExitCode() throws Exception {
        ExecutorSpec.External e = (ExecutorSpec.External) load("""
                  - {name: k6, executor: external, command: [k6, run, s.js], duration: 20s, results: {format: k6, path: out.json}}
                """).load().get(0).executor();

        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(80));
        assertThat(e.thresholdExitCodes()).containsExactly(99);
        assertThat(e.tool().stop()).isEqualTo(ServiceSpec.StopSpec.DEFAULT);
    }

    @Test
    void shouldReportEveryProblemOfAnExternalPhaseWithItsLine() {
        assertThat(messages("""
                  - name: tool
                    executor: external
                    command: [locust, "{{uuid}}"]
                    env: {STRESSGATE_RUN: x}
                    timeout: 0s
                    results: {format: jmetr, path: ""}
                    thresholdExitCodes: [0]
                    request: {path: /}
                    vus: 3
                """)).contains(
                "5: placeholder {{uuid}} is unknown here; only {{out}} (the phase's output folder) is replaced in an external"
                        + " tool's command, env and results path",
                "6: STRESSGATE_RUN is set by the run (it marks every process the run starts)",
                "3: \"duration\" is required: how long the tool runs, e.g. 30s (it is killed after \"timeout\")",
                "7: a duration of 0 runs nothing",
                "8: unknown results format \"jmetr\"; did you mean \"jmeter\"? (known: locust, jmeter, gatling, k6)",
                "8: the results path is empty",
                "9: exit code 0 must be between 1 and 255 (0 is success)",
                "10: an external phase sends no requests of its own (the tool does): remove \"request\"")
                .anyMatch(m -> m.startsWith("11: unknown key \"vus\""));
    }

    @Test
    void shouldRefuseAMissingOrEmptyCommandAndMissingResults() {
        assertThat(messages("""
                  - {name: a, executor: external, duration: 5s}
                  - {name: b, executor: external, command: [], duration: 5s, results: {path: x}}
                """)).contains(
                "3: \"command\" is required: the tool's argument list, e.g. [locust, -f, locustfile.py, --headless]",
                "3: \"results\" is required: where the tool writes its results, e.g. {format: locust, path: \"{{out}}/locust\"}",
                "4: a command is a non-empty list of arguments, e.g. [redis-cli, shutdown]",
                "4: \"format\" is required: one of locust, jmeter, gatling, k6");
    }

    @Test
    void shouldRefuseATimeoutShorterThanTheDuration() {
        assertThat(messages("""
                  - {name: a, executor: external, command: [k6], duration: 1m, timeout: 30s, results: {format: k6, path: x}}
                """)).containsExactly("3: timeout 30s is shorter than the duration 1m: the tool would be killed before it could finish");
    }

    @Test
    void shouldRefuseAnExternalPhaseBesideOtherPhases() {
        assertThat(messages("""
                  - {name: a, executor: external, command: [k6], duration: 1m, results: {format: k6, path: x}}
                  - {name: b, executor: constant-vus, vus: 1, duration: 1s, request: {url: "http://127.0.0.1:1/"}}
                """)).singleElement().asString().contains("an external tool's phase must be the only load phase");
    }

    @Test
    void shouldAcceptGatesOnRequestNamesOnlyTheToolKnows() throws Exception {
        Scenario s = loader.parse("tool.yml", HEAD + """
                  - {name: a, executor: external, command: [k6], duration: 1m, results: {format: k6, path: x}}
                gates:
                  - http{name=checkout}.p95 < 500ms
                """, Path.of("/srv/app"));

        assertThat(s.gates()).hasSize(1);
    }
}
