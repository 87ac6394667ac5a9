package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.ServiceSpec;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testprograms.Listener;
import io.stressgate.engine.testprograms.Spawner;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceManagerIT {
    private static final Location HERE = new Location("test.yml", 1, 1);

    @TempDir
    Path dir;

    private final ProcFs proc = ProcFs.system();
    private final String cookie = Children.cookie();
    private final Children children = new Children();
    private ServiceManager manager;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (manager != null) {
            manager.close();
        }
        children.trackCookie(cookie);
        children.close();
    }

    private ServiceManager manager() {
        manager = new ServiceManager(dir.resolve("services"), cookie, System.nanoTime(), proc, new CommandRunner(dir.resolve("tmp")));
        return manager;
    }

    private static ServiceSpec service(String name, List<String> command, int replicas, ServiceSpec.ReadinessCheck ready,
                                       ServiceSpec.StopSpec stop, boolean restart) {
        return new ServiceSpec(name, command, Map.of("WORKER", "w{{replica}}"), null, replicas, ready, stop, restart, HERE);
    }

    private static ServiceSpec.ReadinessCheck tcp(int port, Duration timeout) {
        return new ServiceSpec.ReadinessCheck(ServiceSpec.ReadinessCheck.Kind.TCP, "127.0.0.1:" + port, timeout, Duration.ofMillis(50));
    }

    @Test
    void shouldStartReplicasWithTheRunCookieInTheirOwnGroupsAndFillInTheReplicaNumber() throws Exception {
        manager().start(List.of(service("sleeper", List.of("sleep", "30"), 2, ServiceSpec.ReadinessCheck.NONE,
                ServiceSpec.StopSpec.DEFAULT, false)));

        List<ProcessKey> replicas = manager.replicas("sleeper");
        assertThat(replicas).hasSize(2);
        for (int i = 0; i < 2; i++) {
            long pid = replicas.get(i).pid();
            assertThat(Children.await(() -> proc.process(pid).orElseThrow().cmdline().equals(List.of("sleep", "30")),
                    Duration.ofSeconds(5))).as("setsid runs the command in its own process").isTrue();
            ProcStat stat = proc.stat(pid).orElseThrow();
            assertThat(stat.pgid()).as("a replica leads its own process group").isEqualTo(pid);
            assertThat(stat.sid()).isEqualTo(pid);
            Map<String, String> env = ProcParser.environ(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    java.util.Set.of("STRESSGATE_RUN", "WORKER"));
            assertThat(env).containsEntry("STRESSGATE_RUN", cookie).containsEntry("WORKER", "w" + (i + 1));
        }
        assertThat(dir.resolve("services/sleeper-1.log")).exists();
        assertThat(dir.resolve("services/sleeper-2.log")).exists();
    }

    @Test
    void shouldWaitUntilTheServiceAcceptsConnections() throws Exception {
        int port = Ports.free();
        manager().start(List.of(service("api", Children.javaCommand(Listener.class, Integer.toString(port), "700"), 1,
                tcp(port, Duration.ofSeconds(30)), ServiceSpec.StopSpec.DEFAULT, false)));

        assertThat(Probe.tcp("127.0.0.1:" + port).check(Duration.ofSeconds(1))).isTrue();
        ServiceReport report = manager.stop().get(0);
        assertThat(report.readyAfterMs()).isGreaterThanOrEqualTo(600L);
        assertThat(report.stoppedCleanly()).as(report.message()).isTrue();
        assertThat(report.replicas()).singleElement().satisfies(r -> assertThat(r.exitedMs()).isNotNull());
    }

    @Test
    void shouldWaitForALogLineWrittenAfterTheStart() throws Exception {
        ServiceSpec.ReadinessCheck log = new ServiceSpec.ReadinessCheck(ServiceSpec.ReadinessCheck.Kind.LOG, "listening on \\d+",
                Duration.ofSeconds(30), Duration.ofMillis(50));
        manager().start(List.of(service("api", Children.javaCommand(Listener.class, "0", "300"), 1, log,
                ServiceSpec.StopSpec.DEFAULT, false)));

        assertThat(Files.readString(dir.resolve("services/api-1.log"))).contains("listening on ");
    }

    @Test
    void shouldSayWhichReplicaDiedBeforeItWasReadyAndWhereItsLogIs() throws Exception {
        int port = Ports.free();
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> manager().start(List.of(
                service("broken", List.of("false"), 1,
                        tcp(port, Duration.ofSeconds(30)), ServiceSpec.StopSpec.DEFAULT, false))));

        assertThat(e).hasMessage("service broken replica 1 exited with code 1 before it was ready; see "
                + dir.resolve("services/broken-1.log"));
    }

    @Test
    void shouldSayWhenTheProgramDoesNotExistAndStopTheServicesStartedBefore() throws Exception {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> manager().start(List.of(
                service("first", List.of("sleep", "30"), 1, ServiceSpec.ReadinessCheck.NONE, ServiceSpec.StopSpec.DEFAULT, false),
                service("second", List.of("no-such-program-anywhere"), 1, ServiceSpec.ReadinessCheck.NONE, ServiceSpec.StopSpec.DEFAULT,
                        false))));

        assertThat(e).hasMessageStartingWith("service second replica 1 could not be started from [no-such-program-anywhere]:"
                + " the program \"no-such-program-anywhere\" is not on the PATH");
        assertThat(Children.withCookie(cookie)).as("the first service was stopped again").isEmpty();
    }

    @Test
    void shouldGiveUpAfterTheReadinessTimeoutAndStopWhatItStarted() throws Exception {
        int port = Ports.free();
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> manager().start(List.of(
                service("slow", List.of("sleep", "30"), 1, tcp(port, Duration.ofMillis(500)), ServiceSpec.StopSpec.DEFAULT, false))));

        assertThat(e).hasMessageStartingWith("service slow replica 1 was not ready after 500ms (tcp 127.0.0.1:" + port + ")");
        assertThat(Children.withCookie(cookie)).as("the service was stopped").isEmpty();
    }

    @Test
    void shouldRestartAReplicaThatDiesWhenAsked() throws Exception {
        manager().start(List.of(service("worker", List.of("sleep", "30"), 1, ServiceSpec.ReadinessCheck.NONE,
                ServiceSpec.StopSpec.DEFAULT, true)));
        ProcessKey first = manager.replicas("worker").get(0);

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();

        assertThat(Children.await(() -> manager.replicas("worker").stream().anyMatch(k -> !k.equals(first)), Duration.ofSeconds(10)))
                .as("a new replica runs").isTrue();
        ServiceReport report = manager.stop().get(0);
        assertThat(report.replicas().get(0).restarts()).isEqualTo(1);
        assertThat(report.replicas().get(0).pid()).isNotEqualTo(first.pid());
    }

    @Test
    void shouldStopTheWholeTreeAndKillWhatIgnoresTermAfterTheGrace() throws Exception {
        ServiceSpec.StopSpec quick = new ServiceSpec.StopSpec("TERM", Duration.ofMillis(800), List.of());
        manager().start(List.of(
                service("spawner", Children.javaCommand(Spawner.class, "careless", "30"), 1, ServiceSpec.ReadinessCheck.NONE, quick, false),
                service("stubborn", List.of("perl", "-e", "$SIG{TERM} = 'IGNORE'; sleep 30"), 1, ServiceSpec.ReadinessCheck.NONE,
                        quick, false)));
        assertThat(Children.await(() -> Children.withCookie(cookie).size() == 3, Duration.ofSeconds(20)))
                .as("the spawner's helper runs").isTrue();

        List<ServiceReport> reports = manager.stop();

        assertThat(reports.get(0).stoppedCleanly()).as(reports.get(0).message()).isTrue();
        assertThat(reports.get(1).stoppedCleanly()).isFalse();
        assertThat(reports.get(1).message()).startsWith("1 process(es) ignored TERM for 800ms and were killed");
        assertThat(Children.withCookie(cookie)).as("nothing of the run is left").isEmpty();
    }

    @Test
    void shouldPassShellMetacharactersAsLiteralArguments() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        List<String> hostile = List.of("; touch pwned-canary", "$(touch pwned-canary)", "`touch pwned-canary`",
                "a | touch pwned-canary", "a && touch pwned-canary", "x\ntouch pwned-canary");
        List<String> command = new java.util.ArrayList<>(List.of("/bin/echo"));
        command.addAll(hostile);
        ServiceSpec echo = new ServiceSpec("echo", command, Map.of("PAYLOAD", "$(touch pwned-canary)"), work.toString(), 1,
                ServiceSpec.ReadinessCheck.NONE, ServiceSpec.StopSpec.DEFAULT, false, HERE);

        manager().start(List.of(echo));
        assertThat(Children.await(() -> manager.replicas("echo").isEmpty(), Duration.ofSeconds(10))).as("echo ran and ended").isTrue();
        manager.stop();

        assertThat(Files.readString(dir.resolve("services/echo-1.log"))).isEqualTo(String.join(" ", hostile) + "\n");
        assertThat(work.resolve("pwned-canary")).doesNotExist();
        assertThat(dir.resolve("pwned-canary")).doesNotExist();
        assertThat(Path.of("pwned-canary")).doesNotExist();
    }
}
