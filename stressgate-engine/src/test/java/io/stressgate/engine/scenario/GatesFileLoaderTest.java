package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesFileLoaderTest {
    private final GatesFileLoader loader = new GatesFileLoader(Variables.of(Map.of("P95", "800ms")), ScenarioLimits.DEFAULTS);

    @Test
    void shouldReadTheNameAndTheGatesWithTheirLines() throws ScenarioException {
        GatesFile file = loader.parse("gates.yml", """
                name: checkout
                gates:
                  - http.p95 < ${P95}
                  - {expr: "http{name=home}.error_rate < 1%", severity: unstable}
                """);

        assertThat(file.name()).isEqualTo("checkout");
        assertThat(file.gates()).extracting(GateSpec::text).containsExactly("http.p95 < 800ms", "http{name=home}.error_rate < 1%");
        assertThat(file.gates()).extracting(g -> g.location().line()).containsExactly(3, 4);
        assertThat(file.gates().get(1).severity()).isEqualTo(Severity.UNSTABLE);
        assertThat(file.sha256()).hasSize(64);
    }

    @Test
    void shouldReportEveryGateAnImportCannotHaveAndEveryUnknownKeyAtOnce() {
        assertThatThrownBy(() -> loader.parse("gates.yml", """
                gates:
                  - process{name=api}.rss_max < 1GB
                  - {expr: "http.p99 < 1s", abortOnFail: true}
                  - chaos.failed == 0
                threshold: 3
                """))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems()).hasSize(4))
                .hasMessageContaining("gates.yml:2:").hasMessageContaining("process is measured by Stress Gate's own runs")
                .hasMessageContaining("gates.yml:3:").hasMessageContaining("abortOnFail has nothing to abort")
                .hasMessageContaining("gates.yml:4:").hasMessageContaining("chaos is measured")
                .hasMessageContaining("unknown key \"threshold\"");
    }

    @Test
    void shouldRequireGates() {
        assertThatThrownBy(() -> loader.parse("gates.yml", "name: x\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("\"gates\" is required");
    }
}
