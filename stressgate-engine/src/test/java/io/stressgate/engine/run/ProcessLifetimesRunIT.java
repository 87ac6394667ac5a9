package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run whose chaos kills one of three service workers, which the service restarts: the run reports the
 * death with its signal, the restart, and the count's dip, and gates on them.
 */
class ProcessLifetimesRunIT {
    @TempDir
    Path dir;

    @Test
    void shouldReportAndGateTheWorkerThatChaosKilledAndTheServiceRestarted() throws Exception {
        List<Long> started = new ArrayList<>();
        try (TestTarget target = TestTarget.fast()) {
            RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("lifetimes-" + System.nanoTime(), dir, 2))
                    .run(new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS)
                            .parse("lifetimes.yml", """
                                    name: worker dies and comes back
                                    target: ${TARGET}
                                    load:
                                      - {name: trickle, executor: constant-arrival-rate, rate: 5/s, duration: 4s, request: {path: /}}
                                    services:
                                      - {name: worker, command: [sleep, "60"], replicas: 3, restart: true}
                                    chaos:
                                      - {name: kill-one, at: 1s, action: kill, target: worker, signal: KILL, count: 1, max: 3}
                                    orphans: {enabled: false}
                                    gates:
                                      - process{name=worker}.deaths == 1
                                      - process{name=worker}.restarts == 1
                                      - process{name=worker}.count_min == 2
                                    """, dir), LoadListener.NONE);
            r.services().forEach(s -> s.replicas().forEach(rep -> started.add(rep.pid())));

            ChaosEvent kill = r.chaos().get(0);
            long killed = kill.targets().get(0).pid();
            ProcessSummary worker = r.processes().get("worker");
            assertThat(worker.deathList()).singleElement().satisfies(d -> {
                assertThat(d.pid()).isEqualTo(killed);
                assertThat(d.signal()).isEqualTo("KILL");
                assertThat(d.exitCode()).isEqualTo(137);
                assertThat(d.atMs()).isGreaterThanOrEqualTo(kill.atMs());
            });
            assertThat(worker.restartList()).singleElement().satisfies(rs -> assertThat(rs.replaced()).isEqualTo(killed));
            assertThat(worker.countMax()).isEqualTo(3);
            assertThat(worker.countEnd()).isEqualTo(3);
            assertThat(r.gates()).as("gates").allSatisfy(g -> assertThat(g.passed()).as(g.expression() + ": " + g.message()).isTrue());
            assertThat(r.gates()).extracting(GateResult::expression).contains("process{name=worker}.deaths == 1");
            assertThat(r.services().get(0).replicas()).extracting(ServiceReport.Replica::restarts).contains(1);
        } finally {
            started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
