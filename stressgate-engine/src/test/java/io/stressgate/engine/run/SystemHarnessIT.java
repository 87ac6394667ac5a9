package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testprograms.Listener;
import io.stressgate.engine.testprograms.Spawner;
import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's critical test 5, end to end through the facade: a worker killed mid-run leaves its helper behind. */
class SystemHarnessIT {
    @TempDir
    Path dir;

    private final Children children = new Children();
    private final String cookie = Children.cookie();

    @AfterEach
    void stopEverything() throws InterruptedException {
        children.trackCookie(cookie);
        children.close();
    }

    private Scenario scenario(int port) throws Exception {
        JsonMapper json = new JsonMapper();
        String worker = json.writeValueAsString(Children.javaCommand(Spawner.class, "careless", "30"));
        String api = json.writeValueAsString(Children.javaCommand(Listener.class, Integer.toString(port), "0"));
        return new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("seed.yml", """
                name: worker-kill
                target: http://127.0.0.1:%d
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 2s, request: {path: /}}
                services:
                  - {name: api, command: %s, ready: {tcp: "127.0.0.1:%d", timeout: 30s}}
                  - {name: worker, command: %s, replicas: 2, stop: {grace: 2s}, ready: {log: "^child \\\\d+"}}
                chaos:
                  - {name: kill-worker, at: 300ms, action: kill, target: worker, signal: KILL, max: 2, restart: true,
                     recover: {tcp: "127.0.0.1:%d", timeout: 5s}}
                orphans: {grace: 200ms, reap: true}
                gates:
                  - orphans == 0
                  - chaos.failed == 0
                """.formatted(port, api, port, worker, port), dir);
    }

    @Test
    void shouldStartKillRestartStopAndFindTheHelperTheKilledWorkerLeft() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HarnessSettings settings = new HarnessSettings(dir.resolve("out"), dir.resolve("state"), cookie, Map.of(), dir, false,
                Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1));
        SystemHarness harness = new SystemHarness(scenario(port).system(), settings, Clock.systemUTC(), System.nanoTime());
        try {
            assertThat(harness.restoreLeftovers()).isEmpty();
            harness.startServices();
            harness.snapshotBefore();
            assertThat(harness.watchedPids().get("worker")).as("two replicas and their helpers").hasSize(4);
            harness.startChaos(metric -> MetricValue.missing("none"), System.nanoTime());
            Thread.sleep(1500);

            List<ChaosEvent> chaos = harness.stopChaos();
            harness.snapshotAfterLoad();
            List<ServiceReport> services = harness.stopServices();
            SystemHarness.Leftovers leftovers = harness.checkLeftovers();

            assertThat(chaos).singleElement().satisfies(e -> {
                assertThat(e.outcome()).as(e.message()).isEqualTo(ChaosEvent.Outcome.DONE);
                assertThat(e.message()).contains("restarted worker as pid");
                assertThat(e.recoveredAfterMs()).isNotNull();
            });
            long killed = chaos.get(0).targets().get(0).pid();
            assertThat(services).extracting(ServiceReport::name).containsExactly("api", "worker");
            assertThat(services.get(1).replicas()).extracting(ServiceReport.Replica::restarts).containsExactly(1, 0);
            assertThat(services.get(1).stoppedCleanly()).as(services.get(1).message()).isTrue();
            assertThat(leftovers.orphans()).singleElement().satisfies(o -> {
                assertThat(o.why()).isEqualTo(OrphanReport.Reason.REPARENTED);
                assertThat(o.command()).isEqualTo("sleep 30");
                assertThat(o.detail()).contains("its parent pid " + killed + " exited").contains("carries the run cookie");
                assertThat(o.reaped()).isTrue();
            });
            assertThat(Children.withCookie(cookie)).as("nothing of the run is left").isEmpty();
            assertThat(leftovers.leaks()).isNotNull();
        } finally {
            harness.close();
        }
    }
}
