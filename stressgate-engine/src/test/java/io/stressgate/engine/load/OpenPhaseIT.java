package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open model's arrivals that find no idle connection wait for one to come free instead of each opening its own,
 * against a real nginx on loopback. Over TLS nothing is connected ahead, so the first arrivals find no connection and
 * each handshake costs the loop a millisecond or more: before the waiting, 2,000 arrivals in a second opened 2,000
 * connections and most of their requests failed in the handshake storm (measured on this machine at 5,000/s: 5,000
 * connections and 3,769 errors, against 294 connections and none with the waiting).
 */
class OpenPhaseIT {
    private static LoopbackNginx nginx;

    @BeforeAll
    static void startNginx(@TempDir Path dir) throws Exception {
        nginx = LoopbackNginx.start(dir);
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void shouldLetArrivalsWaitForAConnectionInsteadOfOpeningOneEach() throws Exception {
        RunResults r = run(nginx.tlsUrl(), "executor: constant-arrival-rate, rate: 2000/s, duration: 1s, maxInFlight: 2000");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(2_000);
        assertThat(r.all().dropped()).isZero();
        assertThat(r.all().errors()).as("errors %s", r.all().errorKinds()).isZero();
        assertThat(r.generator().connectionsOpened()).as("connections opened for 2,000 arrivals").isLessThan(1_000);
    }

    @Test
    void shouldStillOpenEveryConnectionABurstsUsersAskFor() throws Exception {
        RunResults r = run(nginx.plainUrl(), "executor: burst, count: 300");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(300);
        assertThat(r.generator().connectionsOpened()).as("a storm's users each open their own").isEqualTo(300);
    }

    private static RunResults run(String target, String executor) throws Exception {
        String yaml = """
                name: open-phase
                target: %s
                options: {warmup: false, tlsVerify: false, threads: 1}
                load: [{name: root, %s, request: {path: /, timeout: 30s}}]
                """.formatted(target, executor);
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("open-phase.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 1)).start(scenario, LoadListener.NONE).await();
    }
}
