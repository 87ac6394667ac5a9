package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.ServiceSpec;
import io.stressgate.engine.testprograms.JobWorker;
import io.stressgate.engine.testprograms.Spawner;
import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosExecutorIT {
    @TempDir
    Path dir;

    private final Children children = new Children();
    private final String cookie = Children.cookie();
    private ServiceManager services;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (services != null) {
            services.close();
        }
        children.trackCookie(cookie);
        children.close();
    }

    private ChaosFixture chaos() {
        return new ChaosFixture(dir);
    }

    private ChaosFixture chaosWithServices(ServiceSpec... specs) throws Exception {
        services = new ServiceManager(dir.resolve("services"), cookie, System.nanoTime(), ChaosFixture.procFs(),
                new CommandRunner(dir.resolve("tmp")));
        services.start(List.of(specs));
        return new ChaosFixture(dir, Map.of(), services);
    }

    private static ServiceSpec service(String name, List<String> command) {
        return new ServiceSpec(name, command, Map.of(), null, 1, ServiceSpec.ReadinessCheck.NONE, ServiceSpec.StopSpec.DEFAULT,
                false, new Location("t.yml", 1, 1));
    }

    private static ChaosSpec.Recovery command(String... argv) {
        return new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.COMMAND, "", List.of(argv), Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    @Test
    void shouldKillAWorkerMidJobSoThatTheJobIsLost() throws Exception {
        ChaosFixture chaos = chaos();
        Path journal = dir.resolve("journal");
        Process worker = children.java(JobWorker.class, Map.of(), journal.toString(), "5000");
        children.awaitLine(worker, "ready", Duration.ofSeconds(20));
        assertThat(Children.await(() -> Files.exists(journal), Duration.ofSeconds(5))).isTrue();

        ChaosEvent event = chaos.executor.execute(ChaosFixture.kill(Signal.KILL), () -> chaos.pids(worker.pid()), "test");

        assertThat(event.outcome()).as(event.message()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(event.signal()).isEqualTo("KILL");
        assertThat(event.targets()).singleElement().satisfies(t -> {
            assertThat(t.pid()).isEqualTo(worker.pid());
            assertThat(t.user()).isEqualTo("root");
        });
        assertThat(worker.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(128 + 9);
        assertThat(Files.readAllLines(journal)).containsExactly("started 1");
    }

    @Test
    void shouldRestartTheKilledReplicaOfAServiceAndProbeItsRecovery() throws Exception {
        ChaosFixture chaos = chaosWithServices(service("worker", List.of("sleep", "30")));
        ProcessKey before = services.replicas("worker").get(0);
        ChaosOrder order = new ChaosOrder("kill-worker", ChaosSpec.Action.KILL, Signal.KILL, ChaosSpec.Scope.PROCESS, 1, 1, null,
                List.of(), List.of(), command("pgrep", "-f", "-x", "sleep 30"), "worker", true, false, false);

        ChaosEvent event = chaos.executor.execute(order, () -> new Selection(List.of(), chaos.finder.find(
                new io.stressgate.engine.process.ProcessQuery(java.util.Set.of(before.pid()), null, null, null, null)), "worker"), "test");

        ProcessKey after = services.replicas("worker").get(0);
        assertThat(after).isNotEqualTo(before);
        assertThat(event.outcome()).as(event.message()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(event.message()).contains("restarted worker as pid " + after.pid());
        assertThat(event.recoveredAfterMs()).isNotNull();
    }

    @Test
    void shouldKillTheWholeTreeWhenTheScopeIsTree() throws Exception {
        ChaosFixture chaos = chaos();
        Process careless = children.java(Spawner.class, Map.of(), "careless", "30");
        long helper = Long.parseLong(children.awaitLine(careless, "child ", Duration.ofSeconds(20)));
        children.track(helper);

        ChaosEvent event = chaos.executor.execute(ChaosFixture.kill(Signal.TERM, ChaosSpec.Scope.TREE, 1, 1),
                () -> chaos.pids(careless.pid()), "test");

        assertThat(event.message()).isEqualTo("sent TERM to the tree(s) of pid " + careless.pid() + " (2 processes)");
        assertThat(careless.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Children.await(() -> ProcessHandle.of(helper).isEmpty() || chaos.proc.stat(helper).get().zombie(),
                Duration.ofSeconds(5))).as("the helper died with its worker").isTrue();
    }

    @Test
    void shouldSignalTheProcessGroupOfAServiceReplica() throws Exception {
        ChaosFixture chaos = chaosWithServices(service("spawner", Children.javaCommand(Spawner.class, "careless", "30")));
        long leader = services.replicas("spawner").get(0).pid();
        assertThat(Children.await(() -> chaos.proc.table().group(leader).size() == 2, Duration.ofSeconds(20))).isTrue();

        ChaosEvent event = chaos.executor.execute(ChaosFixture.kill(Signal.KILL, ChaosSpec.Scope.GROUP, 1, 1),
                () -> chaos.pids(leader), "test");

        assertThat(event.message()).isEqualTo("sent KILL to process group(s) " + leader + " (2 processes)");
        assertThat(Children.await(() -> chaos.proc.table().group(leader).stream().allMatch(s -> s.zombie()), Duration.ofSeconds(5)))
                .as("both members of the group died").isTrue();
    }

    @Test
    void shouldPauseWithStopThenContinueAndOweTheContInTheLedgerMeanwhile() throws Exception {
        ChaosFixture chaos = chaos();
        Process sleeper = children.start(List.of("sleep", "30"), Map.of());
        ChaosOrder pause = new ChaosOrder("freeze", ChaosSpec.Action.PAUSE, Signal.STOP, ChaosSpec.Scope.PROCESS, 1, 1,
                Duration.ofMillis(800), List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, false);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Future<ChaosEvent> running = pool.submit(() -> chaos.executor.execute(pause, () -> chaos.pids(sleeper.pid()), "test"));

            assertThat(Children.await(() -> state(chaos, sleeper) == 'T', Duration.ofSeconds(5))).as("stopped").isTrue();
            assertThat(chaos.ledger.pending()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(LedgerEntry.Kind.CONTINUE));
            ChaosEvent event = running.get(10, TimeUnit.SECONDS);

            assertThat(state(chaos, sleeper)).isEqualTo('S');
            assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
            assertThat(event.restoredAfterMs()).isGreaterThanOrEqualTo(800L);
            assertThat(chaos.ledger.pending()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldContinueAPausedProcessWhenThePauseIsInterrupted() throws Exception {
        ChaosFixture chaos = chaos();
        Process sleeper = children.start(List.of("sleep", "30"), Map.of());
        ChaosOrder pause = new ChaosOrder("freeze", ChaosSpec.Action.PAUSE, Signal.STOP, ChaosSpec.Scope.PROCESS, 1, 1,
                Duration.ofSeconds(60), List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, false);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Future<ChaosEvent> running = pool.submit(() -> chaos.executor.execute(pause, () -> chaos.pids(sleeper.pid()), "test"));
            assertThat(Children.await(() -> state(chaos, sleeper) == 'T', Duration.ofSeconds(5))).isTrue();

            pool.shutdownNow();

            assertThat(running.get(10, TimeUnit.SECONDS).message()).contains("cut short when chaos stopped");
            assertThat(state(chaos, sleeper)).isEqualTo('S');
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRecordTheRestoreOnDiskBeforeTheStopRunsAndRestoreAfterTheDuration() throws Exception {
        ChaosFixture chaos = chaos();
        Path up = Files.createFile(dir.resolve("service-up"));
        Path ledgerFile = chaos.stateDir.resolve(RestoreLedger.FILE);
        ChaosOrder stop = ChaosFixture.stop(
                List.of("grep", "-q", "restore-marker-" + cookie, ledgerFile.toString()),
                List.of("touch", up.toString(), "restore-marker-" + cookie), Duration.ofMillis(300), command("test", "-e", up.toString()));
        Files.delete(up);

        ChaosEvent event = chaos.executor.execute(stop, () -> null, "test");

        assertThat(event.outcome()).as(event.message() + " (the stop command only succeeds when the ledger already holds the restore)")
                .isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(up).exists();
        assertThat(event.restoredAfterMs()).isGreaterThanOrEqualTo(300L);
        assertThat(event.recoveredAfterMs()).isNotNull();
        assertThat(chaos.ledger.pending()).isEmpty();
    }

    @Test
    void shouldHoldAStopWithoutDurationUntilReleased() throws Exception {
        ChaosFixture chaos = chaos();
        Path restored = dir.resolve("restored");
        ChaosOrder stop = ChaosFixture.stop(List.of("true"), List.of("touch", restored.toString()), null, ChaosSpec.Recovery.NONE);

        ChaosEvent event = chaos.executor.execute(stop, () -> null, "test");

        assertThat(event.message()).endsWith("the restore waits until chaos stops");
        assertThat(restored).doesNotExist();
        assertThat(chaos.ledger.pending()).hasSize(1);
        assertThat(chaos.executor.commands().releaseHeld()).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        assertThat(restored).exists();
        assertThat(chaos.ledger.pending()).isEmpty();
    }

    @Test
    void shouldFailClearlyAndKeepTheLedgerEntryWhenTheRestoreFails() throws Exception {
        ChaosFixture chaos = chaos();
        ChaosOrder stop = ChaosFixture.stop(List.of("true"), List.of("false"), Duration.ofMillis(50), ChaosSpec.Recovery.NONE);

        ChaosEvent event = chaos.executor.execute(stop, () -> null, "test");

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.FAILED);
        assertThat(event.message()).contains("restore FAILED for outage").contains("restore command [false] exited with 1")
                .contains("the ledger keeps it for the next attempt");
        assertThat(chaos.ledger.pending()).singleElement().satisfies(e -> assertThat(e.restore()).containsExactly("false"));
    }

    @Test
    void shouldRestoreAtOnceWhenTheStopCommandFails() throws Exception {
        ChaosFixture chaos = chaos();
        Path restored = dir.resolve("restored");
        ChaosOrder stop = ChaosFixture.stop(List.of("false"), List.of("touch", restored.toString()), Duration.ofSeconds(60),
                ChaosSpec.Recovery.NONE);

        ChaosEvent event = chaos.executor.execute(stop, () -> null, "test");

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.FAILED);
        assertThat(event.message()).startsWith("stop command [false] exited with 1; restored at once");
        assertThat(restored).exists();
    }

    @Test
    void shouldFailWhenTheSystemDoesNotRecoverInTime() throws Exception {
        ChaosFixture chaos = chaos();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Process sleeper = children.start(List.of("sleep", "30"), Map.of());
        ChaosOrder order = new ChaosOrder("kill", ChaosSpec.Action.KILL, Signal.TERM, ChaosSpec.Scope.PROCESS, 1, 1, null, List.of(),
                List.of(), new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.TCP, "127.0.0.1:" + closed, List.of(), Duration.ofMillis(500),
                Duration.ofMillis(50)), null, false, false, false);

        ChaosEvent event = chaos.executor.execute(order, () -> chaos.pids(sleeper.pid()), "test");

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.FAILED);
        assertThat(event.message()).endsWith("did not recover within 500ms (tcp 127.0.0.1:" + closed + ")");
        assertThat(event.recoveredAfterMs()).isNull();
    }

    @Test
    void shouldRunCommandsWithShellMetacharactersAsLiteralArguments() throws Exception {
        ChaosFixture chaos = chaos();
        String hostile = "; touch pwned-canary && $(touch pwned-canary) `touch pwned-canary` | touch pwned-canary\ntouch pwned-canary";
        ChaosOrder stop = ChaosFixture.stop(List.of("touch", "--", hostile), List.of("rm", "--", hostile), Duration.ofMillis(10),
                ChaosSpec.Recovery.NONE);
        ChaosOrder start = new ChaosOrder("start", ChaosSpec.Action.START, Signal.TERM, ChaosSpec.Scope.PROCESS, 1, 1, null,
                List.of("touch", "--", "$(id)"), List.of(), ChaosSpec.Recovery.NONE, null, false, false, false);

        assertThat(chaos.executor.execute(stop, () -> null, "test").outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(chaos.executor.execute(start, () -> null, "test").outcome()).isEqualTo(ChaosEvent.Outcome.DONE);

        assertThat(dir.resolve("$(id)")).exists();
        assertThat(dir.resolve("pwned-canary")).doesNotExist();
        assertThat(Path.of("pwned-canary")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("pwned") && !n.equals("$(id)"));
        }
    }

    private static char state(ChaosFixture chaos, Process p) {
        return chaos.proc.stat(p.pid()).orElseThrow().state();
    }
}
