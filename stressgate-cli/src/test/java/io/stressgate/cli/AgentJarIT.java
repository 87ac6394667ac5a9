package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent runner jar the Jenkins plugin copies to agents ({@code target/stressgate-agent.jar}): what it holds and
 * leaves out, its size beside the full {@code stressgate.jar}, and its {@code run}, {@code chaos}, {@code orphans} and
 * {@code merge} started with {@code java -jar} in JVMs of their own, as the steps start them.
 */
class AgentJarIT {
    private static final Path AGENT_JAR = Path.of("target", "stressgate-agent.jar").toAbsolutePath();
    private static final Path FULL_JAR = Path.of("target", "stressgate.jar").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final long GOAL_BYTES = 12L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRunner cli;
    private HttpServer target;
    private final String cookie = "agent-jar-it-" + UUID.randomUUID();

    @BeforeEach
    void setUp() throws Exception {
        assertThat(AGENT_JAR).as("mvn package builds the agent runner jar before failsafe runs").isRegularFile();
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
        target = CliRunner.okTarget();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        target.stop(0);
        cli.close();
    }

    @Test
    void shouldHoldOnlyWhatTheAgentCommandsNeedAndStayUnderTwelveMegabytes() throws Exception {
        List<String> entries;
        String mainClass;
        try (JarFile jar = new JarFile(AGENT_JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(java.util.zip.ZipEntry::getName).toList();
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
        long agent = Files.size(AGENT_JAR);
        System.out.printf("stressgate.jar %,d bytes, stressgate-agent.jar %,d bytes (%d entries)%n",
                Files.isRegularFile(FULL_JAR) ? Files.size(FULL_JAR) : -1, agent, entries.size());

        assertThat(agent).as("the agent jar's size").isLessThan(GOAL_BYTES);
        assertThat(mainClass).isEqualTo(AgentMain.class.getName());
        assertThat(entries).contains("io/stressgate/cli/RunCommand.class", "io/stressgate/cli/ChaosCommand.class",
                "io/stressgate/cli/OrphansCommand.class", "io/stressgate/cli/MergeCommand.class",
                "io/stressgate/cli/PublishCommand.class", "io/stressgate/engine/report/stressgate-charts.js",
                "META-INF/maven/org.webjars.npm/chart.js/pom.properties", "picocli/CommandLine.class",
                "oshi/SystemInfo.class", "com/sun/jna/Native.class", "redis/clients/jedis/Jedis.class",
                "org/HdrHistogram/Histogram.class", "org/yaml/snakeyaml/Yaml.class");
        assertThat(entries).as("chart.umd.js only, of the Chart.js webjar")
                .filteredOn(e -> e.startsWith("META-INF/resources/webjars/") && !e.endsWith("/"))
                .singleElement().asString().endsWith("/dist/chart.umd.js");
        for (String dropped : List.of("io/stressgate/server/", "io/stressgate/cli/demo/", "io/stressgate/cli/ServeCommand",
                "io/stressgate/cli/DemoCommand", "io/javalin/", "org/eclipse/jetty/", "kotlin/", "org/sqlite/",
                "org/postgresql/", "com/zaxxer/", "io/prometheus/", "org/apache/hc/", "redis-server",
                "redis/embedded/", "META-INF/resources/webjars/kurkle__color/")) {
            assertThat(entries).as("nothing of " + dropped).noneMatch(e -> e.startsWith(dropped));
        }
    }

    @Test
    void shouldRunAnExampleScenarioWhoseSystemUnderTestComesFromElsewhere() throws Exception {
        // the stand-in API is the demo's (in stressgate.jar); the agent jar only runs the scenario and measures
        assertThat(FULL_JAR).isRegularFile();
        Path out = dir.resolve("out-100");

        CliRunner.Outcome run = agent(Map.of("STRESSGATE_RUN", cookie), Duration.ofMinutes(3), "run",
                EXAMPLES.resolve("100-users/100-users.yml").toString(), "--out", out.toString(), "--progress", "plain",
                "--var", "JAVA=" + JAVA, "--var", "DEMO_CLASSPATH=" + FULL_JAR, "--var", "API_PORT=" + freePort());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());

        assertThat(run.exitCode()).as(run.out() + run.err()).isIn(ExitCodes.PASSED, ExitCodes.UNSTABLE);
        assertThat(results.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(results.path("load").path("all").path("requests").asLong()).isGreaterThan(100);
        assertThat(results.path("processes").path("api").path("rssMaxBytes").asLong()).as("sampled through OSHI/procfs")
                .isPositive();
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)).as("Chart.js inlined")
                .contains("Chart.js v4").hasSizeGreaterThan(200_000);
        assertThat(out.resolve("junit.xml")).isRegularFile();
        assertThat(CliRunner.withCookie(cookie)).as("nothing of the run outlives it").isEmpty();
    }

    @Test
    void shouldKillATargetProcessWithChaos() throws Exception {
        Process victim = cli.start(List.of("sleep", "300"), Map.of());
        Path json = dir.resolve("chaos.json");

        CliRunner.Outcome chaos = agent(Map.of(), Duration.ofSeconds(90), "chaos", "kill", "--pid", Long.toString(victim.pid()),
                "--signal", "KILL", "--count", "1", "--max", "1", "--execute", "--json", json.toString(),
                "--state-dir", dir.resolve("state").toString());

        assertThat(chaos.exitCode()).as(chaos.out() + chaos.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(JSON.readTree(json.toFile()).path("outcome").asText()).isEqualTo("DONE");
    }

    @Test
    void shouldFindAndReapAnOrphanCarryingTheCookie() throws Exception {
        cli.start(List.of("setsid", "-f", "sleep", "3139"), Map.of("STRESSGATE_RUN", cookie)).waitFor();
        long daemon = CliRunner.awaitDaemon(cookie, Duration.ofSeconds(5));
        Path json = dir.resolve("orphans.json");

        CliRunner.Outcome orphans = agent(Map.of(), Duration.ofSeconds(90), "orphans", "--cookie", cookie, "--grace", "0s",
                "--reap", "--json", json.toString());

        assertThat(orphans.exitCode()).as("1: orphans found\n" + orphans.out() + orphans.err()).isEqualTo(1);
        assertThat(JSON.readTree(json.toFile()).path("orphans").toString()).contains(Long.toString(daemon), "sleep 3139");
        assertThat(CliRunner.await(() -> ProcessHandle.of(daemon).map(h -> !h.isAlive()).orElse(true),
                Duration.ofSeconds(10))).as("reaped").isTrue();
    }

    @Test
    void shouldMergeTheShardsOfOneRunIntoOneVerdict() throws Exception {
        Path scenario = dir.resolve("sharded.yml");
        Files.writeString(scenario, "name: agent merge\ntarget: http://127.0.0.1:" + target.getAddress().getPort() + "\n"
                + "load: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: 1s, request: {path: /}}]\n"
                + "gates: [\"http.errors == 0\", \"http.requests == 20\"]\n");
        List<String> dirs = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            String shardDir = dir.resolve("shard-" + shard).toString();
            CliRunner.Outcome run = agent(Map.of("STRESSGATE_RUN", cookie), Duration.ofSeconds(90), "run", scenario.toString(),
                    "--shard", shard + "/2", "--shard-group", "agent-it", "--out", shardDir, "--progress", "plain");
            assertThat(run.exitCode()).as("a completed shard is PENDING\n" + run.out() + run.err()).isEqualTo(ExitCodes.PENDING);
            dirs.add(shardDir);
        }
        Path merged = dir.resolve("merged");

        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(dirs);
        args.addAll(List.of("--out", merged.toString()));
        CliRunner.Outcome merge = agent(Map.of(), Duration.ofSeconds(90), args.toArray(String[]::new));
        JsonNode results = JSON.readTree(merged.resolve("results.json").toFile());

        assertThat(merge.exitCode()).as(merge.out() + merge.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(results.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(results.path("load").path("all").path("requests").asLong()).as("10 + 10 arrivals").isEqualTo(20);
        assertThat(merged.resolve("report.html")).isRegularFile();
    }

    @Test
    void shouldRefuseTheCommandsItDoesNotCarry() throws Exception {
        CliRunner.Outcome serve = agent(Map.of(), Duration.ofSeconds(60), "serve");
        CliRunner.Outcome demo = agent(Map.of(), Duration.ofSeconds(60), "demo");

        assertThat(serve.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(serve.err()).contains("Unmatched argument at index 0: 'serve'");
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private CliRunner.Outcome agent(Map<String, String> env, Duration limit, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", AGENT_JAR.toString()));
        argv.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("java -jar stressgate-agent.jar " + String.join(" ", args) + " did not end within " + limit);
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
        }
        return new CliRunner.Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
