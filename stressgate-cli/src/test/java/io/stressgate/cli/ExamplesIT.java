package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example of examples/ the way its README says, {@code stressgate demo FILE} on the shaded jar in a JVM
 * of its own (as a user or the stressTest step starts it: its own signal handling, exit code and environment, the
 * jar as the class path its services start from), checks that each run completes and shows what the example exists
 * to show, and that no process carrying the run's cookie survives it ({@code stressgate orphans --cookie}).
 */
class ExamplesIT {
    private static final Path JAR = Path.of("target", "stressgate.jar").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    private static final Pattern BACKLOG = Pattern.compile("\"queue\":[1-9]");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private CliRunner cli;
    private String cookie;

    @BeforeEach
    void checkTheJar() {
        assertThat(JAR).as("the shaded jar (mvn package builds it before failsafe runs)").isRegularFile();
        cookie = "examples-it-" + UUID.randomUUID();
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        cli.close();
        List<ProcessHandle> handles = new ArrayList<>();
        for (Process p : started) {
            p.descendants().forEach(handles::add);
            handles.add(p.toHandle());
        }
        handles.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : handles) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void builtInDemoCatchesTheLostJobAndTheOrphanItPlantsAndExitsZero() throws Exception {
        List<String> argv = stressgate("demo", "--out", dir.resolve("demo").toString(), "--progress", "plain");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile());
        builder.environment().put(RunExecution.COOKIE_VARIABLE, cookie);
        Process p = builder.start();
        started.add(p);
        FinishedRun run = finish(p, "demo");

        assertThat(run.exitCode()).as("the README's first command: the demo caught what it planted\n" + run.out()).isZero();
        assertThat(run.results().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.results().path("verdict").asText()).as("its gates catch the findings").isEqualTo("FAILED");
        assertThat(run.results().path("jobs").path("lost").asLong()).isEqualTo(1);
        assertThat(run.results().path("orphans")).hasSize(1);
        assertThat(run.results().path("queues").path("default").path("maxDepth").asLong()).as("the storm's backlog").isGreaterThanOrEqualTo(100);
        assertThat(run.out()).contains("API on http://127.0.0.1:");
        assertThat(run.outDir().resolve("report.html")).isRegularFile();
        assertNothingLeft(run, List.of("sleep 3600"));
    }

    @Test
    void stormAndBombBuildABacklogThatDrainsSampledTenTimesASecond() throws Exception {
        FinishedRun run = demo("storm-and-bomb");

        assertCompleted(run);
        assertThat(run.load("submit").path("requests").asLong()).isEqualTo(1000);
        assertThat(run.load("bomb").path("requests").asLong()).isEqualTo(10);
        assertThat(run.results().path("jobs").path("submitted").asLong()).isEqualTo(1010);
        assertThat(run.results().path("jobs").path("lost").asLong()).isZero();
        assertThat(run.results().path("queues").path("default").path("maxDepth").asLong()).as("the storm's backlog").isGreaterThanOrEqualTo(100);
        assertThat(run.results().path("processes").path("workers").path("rssMaxBytes").asLong()).as("the bombs' memory")
                .isGreaterThan(5L * 48 << 20);
        List<String> csv = Files.readAllLines(run.outDir().resolve("metrics.csv"));
        assertThat(csv.get(0)).contains("queue.default.depth", "workers.rss_bytes", "cpu_pct");
        double first = Double.parseDouble(csv.get(1).split(",")[0]);
        double last = Double.parseDouble(csv.get(csv.size() - 1).split(",")[0]);
        assertThat((csv.size() - 2) / (last - first)).as("samples per second").isBetween(8.0, 11.0);
        assertNothingLeft(run, List.of());
    }

    @Test
    void workerKilledMidTaskLeavesItsHelperAndLosesItsJobWhileTheGracefulOneLosesNothing() throws Exception {
        int apiPort = freePort();
        int redisPort = freePort();
        Process demo = startDemo("worker-kill", "--var", "API_PORT=" + apiPort, "--var", "REDIS_PORT=" + redisPort);
        // as the Jenkinsfile's chaosKill does: once there is a backlog, SIGTERM to the graceful worker mid-job
        assertThat(CliRunner.await(() -> backlogAt(apiPort), Duration.ofSeconds(90))).as("the load started").isTrue();
        Thread.sleep(1_500);
        CliRunner.Outcome term = cli.runCommand(stressgate("chaos", "kill", "--cmdline",
                "DemoWorker " + redisPort + " 300 --careless --graceful$", "--signal", "TERM", "--count", "1", "--max", "1",
                "--execute", "--state-dir", dir.resolve("state").toString()), Map.of());
        FinishedRun run = finish(demo, "worker-kill");

        assertThat(term.exitCode()).as(term.out() + term.err()).isZero();
        assertThat(run.exitCode()).as("FAILED: the findings").isEqualTo(ExitCodes.FAILED);
        assertThat(run.results().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.results().path("jobs").path("lost").asLong()).as("the job the killed worker held").isEqualTo(1);
        assertThat(run.results().path("jobs").path("lostReasons").path("stuck in running").asLong()).isEqualTo(1);
        assertThat(run.results().path("orphans")).hasSize(1);
        assertThat(run.results().path("orphans").get(0).path("command").asText()).isEqualTo("sleep 3600");
        assertThat(run.results().path("queues").path("processing").path("finalDepth").asLong()).isEqualTo(1);
        assertThat(run.chaos("kill-9-mid-task").path("outcome").asText()).isEqualTo("DONE");
        assertThat(run.chaos("kill-9-mid-task").path("message").asText()).contains("restarted careless");
        assertThat(run.load("submit").path("errors").asLong()).isZero();
        assertThat(Files.readString(run.outDir().resolve("services/graceful-1.log")))
                .contains("got TERM: finishing the job in hand", "stopped after its last job");
        assertThat(run.service("graceful").path("replicas").get(0).path("restarts").asInt()).as("its supervisor restarted it").isEqualTo(1);
        assertNothingLeft(run, List.of("sleep 3600"));
    }

    @Test
    void hundredUsersQueueThroughFourProcesses() throws Exception {
        FinishedRun run = demo("100-users");

        assertCompleted(run);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.load("api").path("requests").asLong()).isGreaterThan(300);
        assertThat(run.load("api").path("latencyMs").path("p50").asDouble()).as("100 users queue behind 4 workers").isGreaterThan(1_000);
        assertThat(run.results().path("processes").path("api").path("childrenMax").asInt()).isBetween(1, 4);
        assertNothingLeft(run, List.of());
    }

    @Test
    void compositionUsersAreGatedOnEachEndpointsBaseline() throws Exception {
        FinishedRun run = demo("composition-user");

        assertCompleted(run);
        assertThat(run.results().path("verdict").asText()).isNotEqualTo("FAILED");
        assertThat(run.gateHeld("http{name=create}.p95 < 1s")).isTrue();
        assertThat(run.gateHeld("http{name=status}.p95 < 200ms")).isTrue();
        assertThat(run.gateHeld("http{name=download}.p95 < 600ms")).isTrue();
        List<String> phases = StreamSupport.stream(run.results().path("phases").spliterator(), false).map(p -> p.path("name").asText()).toList();
        assertThat(phases).containsExactlyInAnyOrder("sustained", "burst", "health");
        assertThat(run.load("download").path("requests").asLong()).isEqualTo(run.results().path("jobs").path("completed").asLong());
        assertThat(run.results().path("jobs").path("lost").asLong()).isZero();
        assertNothingLeft(run, List.of());
    }

    @Test
    void redisOutageAnswers503sWhileDownRecoversAndLosesNoTask() throws Exception {
        FinishedRun run = demo("redis-outage");

        assertCompleted(run);
        JsonNode outage = run.chaos("redis-outage");
        assertThat(outage.path("outcome").asText()).isEqualTo("DONE");
        assertThat(outage.path("recoveredAfterMs").isNumber()).as("a recovery time").isTrue();
        assertThat(run.load("submit").path("status").path("503").asLong()).isPositive();
        assertThat(run.load("submit").path("status").has("500")).isFalse();
        assertThat(run.load("all").path("timeouts").asLong()).as("no hung request").isZero();
        assertErrorsOnlyDuring(run, "submit", outage);
        assertThat(run.results().path("jobs").path("lost").asLong()).as("the append-only file kept every queued task").isZero();
        assertThat(run.results().path("jobs").path("submitted").asLong()).isEqualTo(run.results().path("jobs").path("completed").asLong());
        assertNothingLeft(run, List.of());
        int redisPort = Integer.parseInt(run.service("redis").path("command").get(2).asText());
        assertThat(listening(redisPort)).as("the restored Redis was shut down by the service's stop command").isFalse();
    }

    @Test
    void balancerOutageLeavesDirectAccessToEveryServerWorking() throws Exception {
        FinishedRun run = demo("balancer-outage");

        assertCompleted(run);
        for (String server : List.of("api-1", "api-2", "api-3")) {
            assertThat(run.load(server).path("requests").asLong()).as(server).isPositive();
            assertThat(run.load(server).path("errors").asLong()).as(server).isZero();
        }
        JsonNode outage = run.chaos("balancer-down");
        assertThat(outage.path("outcome").asText()).isEqualTo("DONE");
        assertThat(outage.path("recoveredAfterMs").isNumber()).isTrue();
        assertThat(run.load("balancer").path("errorKinds").path("connection_refused").asLong()).isPositive();
        assertErrorsOnlyDuring(run, "balancer", outage);
        assertNothingLeft(run, List.of());
    }

    private FinishedRun demo(String example) throws Exception {
        return finish(startDemo(example), example);
    }

    private Process startDemo(String example, String... options) throws IOException {
        List<String> argv = stressgate("demo", EXAMPLES.resolve(example).resolve(example + ".yml").toString(), "--out",
                dir.resolve(example).toString(), "--progress", "plain");
        argv.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve(example + ".log").toFile());
        builder.environment().put(RunExecution.COOKIE_VARIABLE, cookie);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    private FinishedRun finish(Process demo, String example) throws Exception {
        long start = System.nanoTime();
        boolean ended = demo.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        String out = Files.readString(dir.resolve(example + ".log"), StandardCharsets.UTF_8);
        assertThat(ended).as("stressgate demo " + example + " ended within " + RUN_LIMIT + ":\n" + out).isTrue();
        System.out.printf("example %s: exit %d after %.1f s%n", example, demo.exitValue(), (System.nanoTime() - start) / 1e9);
        Path outDir = dir.resolve(example);
        JsonNode results = new JsonMapper().readTree(outDir.resolve("results.json").toFile());
        return new FinishedRun(demo.exitValue(), out, results, outDir);
    }

    private static List<String> stressgate(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static void assertCompleted(FinishedRun run) {
        assertThat(run.results().path("status").asText()).as(run.out()).isEqualTo("COMPLETED");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.of(io.stressgate.engine.result.Verdict.valueOf(
                run.results().path("verdict").asText())));
    }

    /**
     * Nothing carries the run's cookie any more, as the orphans command (what assertNoOrphans runs) sees it, and
     * the demo ended exactly the leftovers the example plants (the run reports them and leaves them alone).
     */
    private void assertNothingLeft(FinishedRun run, List<String> planted) throws Exception {
        List<String> ended = run.out().lines().filter(l -> l.contains("cleaned up after the demo:")).toList();
        assertThat(ended).hasSize(planted.size());
        for (int i = 0; i < planted.size(); i++) {
            assertThat(ended.get(i)).contains("(" + planted.get(i) + ") ended");
        }
        CliRunner.Outcome orphans = cli.runCommand(stressgate("orphans", "--cookie", cookie, "--grace", "0s"), Map.of());
        assertThat(orphans.exitCode()).as(orphans.out() + orphans.err()).isZero();
        assertThat(CliRunner.withCookie(cookie)).isEmpty();
    }

    /** The request's errors fall in the intervals that overlap the outage (plus 2 s for stale connections), none before or after. */
    private static void assertErrorsOnlyDuring(FinishedRun run, String request, JsonNode outage) {
        double from = outage.path("atMs").asLong() / 1000.0;
        double to = from + (outage.path("restoredAfterMs").asLong() + outage.path("recoveredAfterMs").asLong()) / 1000.0 + 2.0;
        double interval = run.results().path("timeSeries").path("intervalMs").asLong() / 1000.0;
        long inside = 0;
        for (JsonNode point : run.results().path("timeSeries").path("byName").path(request)) {
            double end = point.path("t").asDouble();
            long errors = point.path("errors").asLong();
            if (end <= from || end - interval >= to) {
                assertThat(errors).as(request + " errors in the interval ending at " + end + " s, outside the outage " + from + "-" + to).isZero();
            } else {
                inside += errors;
            }
        }
        assertThat(inside).as(request + " errors during the outage").isPositive();
    }

    private static boolean backlogAt(int apiPort) {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort + "/health")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return BACKLOG.matcher(health.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean listening(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (ConnectException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
