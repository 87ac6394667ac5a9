package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.tasks.JobLedger;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadGeneratorIT {
    private static Scenario scenario(String url, String yaml) throws Exception {
        return new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS)
                .parse("it.yml", yaml, Path.of("."));
    }

    private static LoadReport run(Scenario scenario, int threads) throws Exception {
        return new LoadGenerator(Clock.systemUTC(), phase -> new JobLedger(), threads).start(scenario, LoadListener.NONE).await();
    }

    @Test
    void shouldCountEveryRequestTheTargetServedInTheClosedModel() throws Exception {
        try (TestTarget target = TestTarget.fast()) {
            LoadReport report = run(scenario(target.url(), """
                    name: closed
                    target: ${TARGET}
                    load:
                      - {name: root, executor: constant-vus, vus: 4, duration: 2s, request: {path: /}}
                    """), 2);

            LoadSummary all = report.load().get("all");
            assertThat(report.completed()).isTrue();
            assertThat(all.requests()).isGreaterThan(100).isEqualTo(target.served());
            assertThat(all.errors()).isZero();
            assertThat(all.status()).containsOnlyKeys("200");
            assertThat(report.load().get("root").requests()).isEqualTo(all.requests());
            assertThat(report.timeSeries().all()).hasSizeBetween(2, 3);
            assertThat(report.timeSeries().all().stream().mapToLong(p -> p.requests()).sum()).isEqualTo(all.requests());
        }
    }
}
