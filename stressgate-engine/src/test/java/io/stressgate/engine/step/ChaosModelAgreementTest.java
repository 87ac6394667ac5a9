package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.scenario.Problem;
import io.stressgate.engine.scenario.ScenarioException;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One chaos action written in a scenario and as {@code chaosKill} arguments is refused for the same reasons: the two
 * front-ends share their rules (the count cap drifted apart when each had its own; the CLI's flags are held to the
 * same rules in ChaosCommandIT).
 */
class ChaosModelAgreementTest {
    private static List<String> scenarioKeys(String action) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> new ScenarioLoader(Variables.of(Map.of()),
                ScenarioLimits.DEFAULTS).parse("chaos.yml", """
                name: agreement
                target: http://127.0.0.1:1
                load:
                  - {name: l, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                processes:
                  - {name: worker, cmdline: "worker"}
                chaos:
                  - %s
                """.formatted(action), Path.of(".")));
        assertThat(e).as("refused: " + action).isNotNull();
        return e.problems().stream().map(Problem::path).map(p -> p.substring(p.lastIndexOf('.') + 1)).toList();
    }

    private static List<String> stepKeys(ChaosInput in) {
        StepArgumentException e = catchThrowableOfType(StepArgumentException.class, () -> ChaosKillArgs.of(in.input()));
        assertThat(e).isNotNull();
        return e.problems().stream().map(ArgumentProblem::parameter).toList();
    }

    @Test
    void shouldRefuseTooManyProcessesInBothFrontEnds() {
        ChaosInput in = ChaosInput.name("worker");
        in.count = 1500;
        in.max = 2000;

        assertThat(scenarioKeys("{name: k, at: 1s, action: kill, target: worker, count: 1500, max: 2000}"))
                .containsExactly("count", "max");
        assertThat(stepKeys(in)).containsExactly("count", "max");
    }

    @Test
    void shouldRefuseARestoreOfAKillAndAPauseSignalInBothFrontEnds() {
        ChaosInput restore = ChaosInput.name("worker");
        restore.restore = List.of("x");
        ChaosInput pause = ChaosInput.name("worker");
        pause.pauseFor = "1s";
        pause.signal = "KILL";

        assertThat(scenarioKeys("{name: k, at: 1s, action: kill, target: worker, restore: [x]}")).containsExactly("restore");
        assertThat(stepKeys(restore)).containsExactly("restore");
        assertThat(scenarioKeys("{name: p, at: 1s, action: pause, target: worker, duration: 1s, signal: KILL}"))
                .containsExactly("signal");
        assertThat(stepKeys(pause)).containsExactly("signal");
    }

    @Test
    void shouldHoldDurationsAndTheProbeTimeoutToTheSameBoundsInBothFrontEnds() {
        ChaosInput pause = ChaosInput.name("worker");
        pause.pauseFor = "2h";
        pause.recoverTcp = "127.0.0.1:1";
        pause.recoverTimeout = "50ms";

        assertThat(scenarioKeys("{name: p, at: 1s, action: pause, target: worker, duration: 2h, "
                + "recover: {tcp: \"127.0.0.1:1\", timeout: 50ms}}")).containsExactlyInAnyOrder("duration", "timeout");
        assertThat(stepKeys(pause)).containsExactlyInAnyOrder("pauseFor", "recoverTimeout");
    }

    @Test
    void shouldReadProbeAddressesTheSameWayInBothFrontEnds() {
        ChaosInput credentials = ChaosInput.name("worker");
        credentials.recoverHttp = "http://user:secret@127.0.0.1:1/health";
        ChaosInput spaced = ChaosInput.name("worker");
        spaced.recoverTcp = "ho st:1";

        assertThat(scenarioKeys("{name: k, at: 1s, action: kill, target: worker, "
                + "recover: {http: \"http://user:secret@127.0.0.1:1/health\"}}")).containsExactly("http");
        assertThat(stepKeys(credentials)).containsExactly("recoverHttp");
        assertThat(scenarioKeys("{name: k, at: 1s, action: kill, target: worker, recover: {tcp: \"ho st:1\"}}"))
                .containsExactly("tcp");
        assertThat(stepKeys(spaced)).containsExactly("recoverTcp");
    }
}
