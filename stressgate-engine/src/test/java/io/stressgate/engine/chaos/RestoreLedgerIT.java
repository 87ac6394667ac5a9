package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.run.HarnessSettings;
import io.stressgate.engine.run.SystemHarness;
import io.stressgate.engine.testprograms.LedgerVictim;
import io.stressgate.engine.testsupport.Children;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY K6/K7: what chaos stopped is restored even when the run is aborted, by SIGTERM or SIGKILL. */
class RestoreLedgerIT {
    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    private Process victim(String scenario) throws Exception {
        Path file = dir.resolve("scenario.yml");
        Files.writeString(file, scenario);
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LedgerVictim.class.getName(), file.toString(), dir.resolve("state").toString(), dir.toString()));
        Process victim = children.start(argv, Map.of());
        assertThat(children.awaitLine(victim, "owed", Duration.ofSeconds(30))).isEmpty();
        return victim;
    }

    private static String stopScenario(Path marker) {
        return """
                name: victim
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                chaos:
                  - {name: redis-outage, at: 0s, action: stop, command: ["true"], restore: [touch, "%s"], duration: 60s}
                """.formatted(marker);
    }

    private ChaosFixture fixture() {
        return new ChaosFixture(dir);
    }

    @Test
    void shouldRestoreAtTheNextStartWhatARunKilledWithSigkillHadStopped() throws Exception {
        Path marker = dir.resolve("restored");
        Process victim = victim(stopScenario(marker));
        ChaosFixture next = fixture();
        assertThat(next.ledger.leftovers()).as("a live run's restore is not a leftover").isEmpty();

        victim.destroyForcibly();
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(marker).as("SIGKILL runs no hook").doesNotExist();

        List<Restorer.Restored> restored = next.restorer.restoreLeftovers();

        assertThat(restored).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.entry().name()).isEqualTo("redis-outage");
            assertThat(r.entry().owner().pid()).isEqualTo(victim.pid());
        });
        assertThat(marker).exists();
        assertThat(next.ledger.pending()).isEmpty();
        assertThat(Files.readString(next.stateDir.resolve("audit.jsonl"))).contains("\"what\":\"restored\"");
    }

    @Test
    void shouldRestoreThroughTheHarnessWhenTheRunIsStoppedWithSigterm() throws Exception {
        Path marker = dir.resolve("restored");
        Process victim = victim(stopScenario(marker));

        victim.destroy();

        assertThat(victim.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(marker).exists();
        assertThat(fixture().ledger.pending()).isEmpty();
    }

    @Test
    void shouldContinueProcessesAPauseLeftStoppedWhenItsRunWasKilled() throws Exception {
        Process sleeper = children.start(List.of("sleep", "60"), Map.of());
        Path pidFile = dir.resolve("sleeper.pid");
        Files.writeString(pidFile, Long.toString(sleeper.pid()));
        Process victim = victim("""
                name: victim
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                processes:
                  - {name: sleeper, pidFile: "%s"}
                chaos:
                  - {name: freeze, at: 0s, action: pause, target: sleeper, duration: 60s}
                """.formatted(pidFile));
        ChaosFixture next = fixture();
        assertThat(next.proc.stat(sleeper.pid()).orElseThrow().state()).isEqualTo('T');

        victim.destroyForcibly();
        victim.waitFor(10, TimeUnit.SECONDS);
        next.restorer.restoreLeftovers();

        assertThat(Children.await(() -> next.proc.stat(sleeper.pid()).orElseThrow().state() == 'S', Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldKeepAFailedRestoreForTheNextAttemptAndReportItAsFailed() throws Exception {
        ChaosFixture chaos = fixture();
        LedgerEntry entry = chaos.ledger.recordCommand("outage", List.of("false"), dir);

        Restorer.Restored first = chaos.restorer.restore(entry);

        assertThat(first.ok()).isFalse();
        assertThat(first.message()).startsWith("restore FAILED for outage").contains("the ledger keeps it for the next attempt");
        assertThat(chaos.ledger.pending()).containsExactly(entry);
    }

    @Test
    void shouldRestoreWhatARunOwedBeforeTheMachineRebootedEvenIfItsPidRunsAgain() throws Exception {
        ChaosFixture chaos = fixture();
        Path marker = dir.resolve("restored");
        Process reincarnation = children.start(List.of("sleep", "30"), Map.of());
        var key = chaos.proc.stat(reincarnation.pid()).orElseThrow().key();
        Files.createDirectories(chaos.stateDir);
        Files.writeString(chaos.stateDir.resolve(RestoreLedger.FILE), ("{\"op\":\"open\",\"id\":\"old\",\"entry\":{\"id\":\"old\","
                + "\"name\":\"before-reboot\",\"kind\":\"COMMAND\",\"restore\":[\"touch\",\"%s\"],\"owner\":{\"pid\":%d,"
                + "\"startTicks\":%d},\"bootId\":\"an-earlier-boot\",\"recordedAt\":\"2020-01-01T00:00:00Z\"}}\n")
                .formatted(marker, key.pid(), key.startTicks()));

        assertThat(chaos.restorer.restoreLeftovers()).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        assertThat(marker).exists();
    }

    @Test
    void shouldIgnoreATornLastLineWrittenWhenARunDiedMidWrite() throws Exception {
        ChaosFixture chaos = fixture();
        LedgerEntry kept = chaos.ledger.recordCommand("kept", List.of("true"), dir);
        Files.writeString(chaos.stateDir.resolve(RestoreLedger.FILE), "{\"op\":\"open\",\"entry\":{\"id\":\"x\",\"na",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThat(chaos.ledger.pending()).containsExactly(kept);
    }

    @Test
    void shouldReportLeftoverRestoresAsEventsOfTheNextRun() throws Exception {
        Path marker = dir.resolve("restored");
        Process victim = victim(stopScenario(marker));
        victim.destroyForcibly();
        victim.waitFor(10, TimeUnit.SECONDS);
        HarnessSettings settings = new HarnessSettings(dir.resolve("next"), dir.resolve("state"), Children.cookie(), Map.of(), dir,
                false, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1));
        SystemHarness next = new SystemHarness(io.stressgate.engine.scenario.SystemUnderTest.NONE, settings, Clock.systemUTC(),
                System.nanoTime());

        List<ChaosEvent> events = next.restoreLeftovers();
        next.close();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("restore");
            assertThat(e.outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
            assertThat(e.trigger()).startsWith("left by pid " + victim.pid());
        });
        assertThat(marker).exists();
    }
}
