package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRun;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agreed start of a sharded run: three shards (side by side in this JVM, so on one clock), each warming up and
 * connecting before the instant, start their load's clock at it, never before; each records how late it was, and
 * that figure is the one its own time line shows. How close together they began is printed, not asserted: a
 * shared build machine may hold a thread back for any time.
 */
class ShardStartIT {
    private static final int SHARDS = 3;
    private static final String SCENARIO = """
            name: aligned
            target: ${TARGET}
            load:
              - name: open
                executor: constant-arrival-rate
                rate: 60/s
                duration: 1s
                maxInFlight: 20
                request: {path: /}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldStartEveryShardsLoadAtTheAgreedInstantAndRecordHowLateItWas() throws Exception {
        try (TestTarget target = TestTarget.fast()) {
            Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS)
                    .parse("aligned.yml", SCENARIO, Path.of("."));
            Instant at = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
            List<StressRun> runs = new ArrayList<>();
            for (int i = 1; i <= SHARDS; i++) {
                Scenario share = ShardPlanner.plan(scenario, new ShardRole(i, SHARDS, "aligned", 1));
                runs.add(new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 1).startingAt(at))
                        .start(share, LoadListener.NONE));
            }
            List<RunResults> results = new ArrayList<>();
            for (StressRun run : runs) {
                results.add(run.await());
            }

            List<Long> offsets = results.stream().map(r -> r.shard().startOffsetMs()).toList();
            long spread = offsets.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - offsets.stream().mapToLong(Long::longValue).min().orElseThrow();
            System.out.println("[ShardStartIT] agreed start " + at + "; load start offsets " + offsets + " ms; spread "
                    + spread + " ms; runs began " + results.stream().map(r -> Duration.between(r.startedAt(), at).toMillis()
                    + " ms").toList() + " before it");
            for (RunResults r : results) {
                assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(r.startedAt()).as("shard %d got ready before the instant", r.shard().index()).isBefore(at);
                assertThat(r.shard().startOffsetMs()).as("shard %d never starts early", r.shard().index()).isNotNull()
                        .isGreaterThanOrEqualTo(0);
                Instant firstPhase = r.startedAt().plusMillis(r.phases().stream().mapToLong(PhaseSummary::startMs).min().orElseThrow());
                assertThat(Duration.between(at, firstPhase).toMillis())
                        .as("shard %d's first phase starts on its own time line no earlier than its recorded offset", r.shard().index())
                        .isGreaterThanOrEqualTo(r.shard().startOffsetMs() - 1);
            }
        }
    }
}
