package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission, pinned: a target that stalls for a second. The open model keeps sending on schedule and
 * counts latency from each intended start, so the stall lands in p99; a closed loop simply stops asking while
 * it waits: two users take two slow samples among hundreds, and its p99 hides the stall.
 */
class StallIT {
    private static final long STALL_MS = 1_000;

    private static RunResults run(String url, String executor) throws Exception {
        String yaml = """
                name: stall
                target: ${TARGET}
                load: [{name: root, %s, duration: 5s, request: {path: /, timeout: 10s}}]
                """.formatted(executor);
        var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("stall.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 2)).start(scenario, LoadListener.NONE).await();
    }

    @Test
    void shouldShowTheStallInTheOpenModelsP99WhereAClosedLoopHidesIt() throws Exception {
        RunResults open;
        RunResults closed;
        try (TestTarget target = TestTarget.stalling(1_000, STALL_MS)) {
            open = run(target.url(), "executor: constant-arrival-rate, rate: 200/s, maxInFlight: 1000");
        }
        try (TestTarget target = TestTarget.stalling(1_000, STALL_MS)) {
            closed = run(target.url(), "executor: constant-vus, vus: 2");
        }

        assertThat(open.all().latencyMs().p99()).as("open-model p99").isGreaterThanOrEqualTo((double) STALL_MS);
        assertThat(closed.all().latencyMs().max()).as("the closed loop did meet the stall").isGreaterThanOrEqualTo((double) STALL_MS);
        assertThat(closed.all().latencyMs().p99()).as("closed-loop p99").isLessThan(STALL_MS / 2.0);
        assertThat(closed.all().requests()).as("each user met the stall once among hundreds of requests").isGreaterThan(400);
    }
}
