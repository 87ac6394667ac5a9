package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.BreakingStep;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A breaking-point search against a pool API of 4 workers taking 150 ms each (capacity 4 / 0.15 s = 26.7/s) with a
 * bounded line of 64: the rate rises by 5/s every 8 s from 15/s, and the search stops within one step of that
 * capacity, long before its max of 45/s.
 */
class BreakingPointIT {
    private static final int WORKERS = 4;
    private static final long SERVICE_MS = 150;
    private static final double STEP = 5;

    @Test
    void shouldStopWithinOneStepOfThePoolsCapacity(@TempDir Path dir) throws Exception {
        double capacity = WORKERS * 1000.0 / SERVICE_MS;
        RunResults results;
        try (TestTarget pool = TestTarget.pool(WORKERS, SERVICE_MS, 64)) {
            Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", pool.url())), ScenarioLimits.DEFAULTS)
                    .parse("breaking.yml", """
                            name: breaking point of a pool of 4
                            target: ${TARGET}
                            options: {interval: 1s, gracefulStop: 10s, drainTimeout: 1s}
                            load:
                              - name: search
                                executor: stepping-arrival-rate
                                start: 15/s
                                step: 5/s
                                stepDuration: 8s
                                max: 45/s
                                maxInFlight: 200
                                stopWhen: ["http.p95 > 500ms", "http.error_rate > 1%"]
                                request: {name: work, path: /work, timeout: 10s}
                            gates: ["load.breaking_point >= 20/s"]
                            """, Path.of("."));
            results = new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 2))
                    .start(scenario, LoadListener.NONE).await();
        }

        BreakingPoint point = results.breakingPoint();
        System.out.printf("capacity %.1f/s: held %s/s, broke at %s/s (%s); steps:%n", capacity, point.rate(),
                point.brokeAt(), point.reason());
        point.steps().forEach(s -> System.out.printf("  %s/s: %d responses, p95 %s ms, errors %s, dropped %d, held %s%n",
                s.rate(), s.requests(), s.p95Ms(), s.errorRate(), s.dropped(), s.held()));
        assertThat(results.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(point.outcome()).isEqualTo(BreakingPoint.Outcome.BROKE);
        assertThat(point.brokeAt()).isBetween(capacity - STEP, capacity + STEP);
        assertThat(point.rate()).isEqualTo(point.brokeAt() - STEP);
        assertThat(point.steps()).hasSize((int) ((point.brokeAt() - 15) / STEP) + 1);
        assertThat(point.steps()).filteredOn(BreakingStep::held).extracting(BreakingStep::rate).last().isEqualTo(point.rate());
        assertThat(point.steps().get(0).requests()).as("the first step's responses at 15/s for 8 s").isBetween(100L, 130L);
        assertThat(results.phases().get(0).endMs() - results.phases().get(0).startMs())
                .as("the phase ended after the step that broke, not at its max").isLessThan(point.steps().size() * 8000L + 8000);
        assertThat(results.gates()).filteredOn(g -> g.metric().equals("load.breaking_point")).singleElement()
                .satisfies(g -> assertThat(g.message()).isEqualTo("holds: load.breaking_point was %s, limit >= 20/s",
                        io.stressgate.engine.scenario.Dimension.RATE.format(point.rate())));
        assertThat(results.verdict()).isEqualTo(Verdict.PASSED);
        Path file = dir.resolve("results.json");
        ResultsJson.write(results, file);
        assertThat(new ResultsReader().read(file).breakingPoint()).isEqualTo(point);
    }
}
