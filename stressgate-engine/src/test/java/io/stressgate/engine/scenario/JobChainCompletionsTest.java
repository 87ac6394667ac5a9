package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional completion-count pointer of a job chain, which job accounting uses to see duplicates. */
class JobChainCompletionsTest {
    private static final String CHAIN = """
            name: jobs
            target: http://127.0.0.1:1
            load:
              - name: user
                executor: constant-vus
                vus: 1
                duration: 1s
                job:
                  submit: {name: create, method: POST, path: /jobs}
                  poll: {name: poll, path: "/jobs/{{id}}"}
            %s
            """;

    @Test
    void shouldReadTheCompletionCountPointerInEitherSpelling() throws Exception {
        assertThat(chain("      completions: meta.runs").completionsPointer()).isEqualTo("/meta/runs");
        assertThat(chain("      completions: /attempts").completionsPointer()).isEqualTo("/attempts");
    }

    @Test
    void shouldLeaveTheCompletionCountPointerOutWhenTheChainNamesNone() throws Exception {
        assertThat(chain("").completionsPointer()).isNull();
    }

    private static JobChain chain(String extra) throws ScenarioException {
        ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS);
        Scenario s = loader.parse("test.yml", CHAIN.formatted(extra), Path.of("."));
        return (JobChain) s.load().get(0).flow();
    }
}
