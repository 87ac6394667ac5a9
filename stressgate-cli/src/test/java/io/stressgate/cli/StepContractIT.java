package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.step.AssertNoOrphansArgs;
import io.stressgate.engine.step.BuildResult;
import io.stressgate.engine.step.ChaosJudge;
import io.stressgate.engine.step.ChaosKillArgs;
import io.stressgate.engine.step.CliCommands;
import io.stressgate.engine.step.ConfinedFiles;
import io.stressgate.engine.step.LaunchCommand;
import io.stressgate.engine.step.OrphanJudge;
import io.stressgate.engine.step.PublishContext;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.RunDigest;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import io.stressgate.engine.step.StepOutcome;
import io.stressgate.engine.step.StressTestArgs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jenkins steps' side of the CLI contract, without Jenkins: the exact command lines and environments the step
 * layer plans ({@link CliCommands}) are started against the agent runner jar the plugin ships (stressgate-agent.jar), and what they write is read
 * back and judged as the plugin does (confined read, strict parse, judge). The plugin itself only moves these bytes.
 */
class StepContractIT {
    private static final Path JAR = Path.of("target", "stressgate-agent.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path workspace;

    private CliRunner cli;
    private HttpServer target;
    private final String cookie = UUID.randomUUID().toString();
    private final StepDocuments documents = new StepDocuments();
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(workspace);
        cli.trackCookie(cookie);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        target.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        target.stop(0);
        cli.close();
    }

    private CliCommands commands() {
        assertThat(JAR).as("the agent runner jar the plugin ships").isRegularFile();
        return new CliCommands(JAVA, JAR.toString(), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", System.getProperty("user.home"), "JENKINS_NODE_COOKIE", "node-" + cookie));
    }

    private CliRunner.Outcome launch(LaunchCommand command) throws Exception {
        return cli.runCommand(command.args(), command.env());
    }

    private StepOutcome stressTest(String gates) throws Exception {
        Files.writeString(workspace.resolve("storm.yml"), "name: storm\ntarget: ${TARGET}\n"
                + "load: [{name: root, executor: constant-arrival-rate, rate: 40/s, duration: 1s, request: {path: /}}]\n"
                + "gates: " + gates + "\n");
        StressTestArgs args = StressTestArgs.of(new StressTestArgs.Input("storm.yml",
                Map.of("TARGET", "http://127.0.0.1:" + target.getAddress().getPort()), null, null, null, null));
        Path out = Files.createDirectories(workspace.resolve(StepFiles.outputDir(args.scenario())));

        CliRunner.Outcome outcome = launch(commands().run(args, out.toString(), cookie));

        Received<RunResults> read = read(StepFiles.outputDir(args.scenario()) + "/" + StepFiles.RESULTS,
                StepFiles.MAX_RESULTS_BYTES, documents::results);
        RunJudge judge = new RunJudge();
        RunJudge.Admission admission = judge.admit(args.scenario(), outcome.exitCode(), null, read);
        assertThat(admission.results()).as(outcome.err()).isNotNull();
        assertThat(admission.results().runCookie()).as("STRESSGATE_RUN is the run's cookie").isEqualTo(cookie);
        assertThat(RunDigest.of(admission.results()).stepResult(null)).containsKeys("verdict", "p95", "rps");
        return admission.usable() ? judge.judge(args.scenario(), admission.results(),
                new RegressionAnalyzer(RegressionPolicy.DEFAULT).analyze(admission.results(), Baseline.none("-"))).outcome()
                : admission.failure();
    }

    private <T> Received<T> read(String relative, long cap, java.util.function.Function<byte[], Received<T>> parse) {
        try {
            return parse.apply(ConfinedFiles.read(workspace, relative, cap));
        } catch (Exception e) {
            return StepDocuments.notFetched(relative, e.getMessage());
        }
    }

    @Test
    void shouldPassARunWhoseGatesHoldAndHandItsRunCookieOn() throws Exception {
        StepOutcome outcome = stressTest("[\"http.errors == 0\"]");

        assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldFailARunWithABrokenGateListingIt() throws Exception {
        StepOutcome outcome = stressTest("[\"http.rps > 1000000\"]");

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("http.rps > 1000000");
    }

    @Test
    void shouldMakeARunUnstableWhenOnlyAnUnstableGateBreaks() throws Exception {
        StepOutcome outcome = stressTest("[{expr: \"http.rps > 1000000\", severity: unstable}]");

        assertThat(outcome.result()).isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void shouldPublishWithTheTokenOnlyInTheEnvironment() throws Exception {
        assertThat(stressTest("[\"http.errors == 0\"]").result()).isEqualTo(BuildResult.SUCCESS);
        String server = "http://127.0.0.1:" + target.getAddress().getPort();
        String token = "tok-" + UUID.randomUUID();
        Path out = workspace.resolve(StepFiles.outputDir("storm.yml"));
        LaunchCommand publish = commands().publish(PublishContext.of(java.net.URI.create(server), "team/checkout", 7, "main",
                null, null), out.toString(), token);

        CliRunner.Outcome outcome = launch(publish);

        assertThat(String.join(" ", publish.args())).doesNotContain(token);
        assertThat(authorizations).contains("Bearer " + token);
        assertThat(new RunJudge().published(server, outcome.exitCode(), out.toString()).result()).as(outcome.err())
                .isEqualTo(BuildResult.SUCCESS);
    }

    private StepOutcome chaos(ChaosKillArgs args) throws Exception {
        Path call = Files.createDirectories(workspace.resolve("tmp/" + StepFiles.callDir(cookie)));
        Path state = Files.createDirectories(workspace.resolve("tmp/" + StepFiles.chaosStateDir()));

        CliRunner.Outcome outcome = launch(commands().chaos(args, call.resolve(StepFiles.CHAOS).toString(), state.toString()));

        Received<ChaosEvent> event = read("tmp/" + StepFiles.callDir(cookie) + "/" + StepFiles.CHAOS, StepFiles.MAX_CHAOS_BYTES,
                documents::chaos);
        assertThat(event.ok()).as(outcome.out() + outcome.err()).isTrue();
        return new ChaosJudge().judge(args, outcome.exitCode(), event);
    }

    private static ChaosKillArgs killArgs(long pid, boolean dryRun) throws Exception {
        return ChaosKillArgs.of(new ChaosKillArgs.Input(pid, null, null, null, null, "KILL", null, null, null, null, null, null,
                null, null, null, null, dryRun));
    }

    @Test
    void shouldKillTheTargetProcess() throws Exception {
        Process victim = cli.start(List.of("sleep", "300"), Map.of());

        StepOutcome outcome = chaos(killArgs(victim.pid(), false));

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(BuildResult.SUCCESS);
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldLeaveTheTargetAloneOnADryRun() throws Exception {
        Process victim = cli.start(List.of("sleep", "300"), Map.of());

        StepOutcome outcome = chaos(killArgs(victim.pid(), true));

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(BuildResult.SUCCESS);
        assertThat(victim.isAlive()).isTrue();
    }

    @Test
    void shouldFailWhenASafetyRuleRefusesTheTarget() throws Exception {
        StepOutcome outcome = chaos(killArgs(ProcessHandle.current().pid(), false));

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("refused by a safety rule");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void shouldStopAServiceAndRestoreItAfterThePause() throws Exception {
        Path restored = workspace.resolve("restored");
        ChaosKillArgs args = ChaosKillArgs.of(new ChaosKillArgs.Input(null, null, null, null, null, null, null, null, null,
                "1s", List.of("true"), List.of("touch", restored.toString()), null, null, null, null, false));

        StepOutcome outcome = chaos(args);

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(BuildResult.SUCCESS);
        assertThat(restored).exists();
    }

    private StepOutcome orphans(AssertNoOrphansArgs.Query query) throws Exception {
        Path call = Files.createDirectories(workspace.resolve("tmp/" + StepFiles.callDir(cookie)));

        CliRunner.Outcome outcome = launch(commands().orphans(query, call.resolve(StepFiles.ORPHANS).toString()));

        Received<OrphanScan.Result> scan = read("tmp/" + StepFiles.callDir(cookie) + "/" + StepFiles.ORPHANS,
                StepFiles.MAX_ORPHANS_BYTES, documents::orphans);
        assertThat(scan.ok()).as(outcome.out() + outcome.err()).isTrue();
        return new OrphanJudge().judge(outcome.exitCode(), scan);
    }

    @Test
    void shouldFindAndReapADaemonCarryingTheRunCookie() throws Exception {
        cli.start(List.of("setsid", "-f", "sleep", "3137"), Map.of(CliCommands.RUN_COOKIE, cookie)).waitFor();
        long daemon = CliRunner.awaitDaemon(cookie, Duration.ofSeconds(5));

        StepOutcome outcome = orphans(AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(null, null, null, "0s"))
                .resolve(cookie, null));

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("pid " + daemon, "reaped", "sleep 3137");
        assertThat(CliRunner.await(() -> ProcessHandle.of(daemon).map(h -> !h.isAlive()).orElse(true),
                Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldPassWhenNothingCarriesTheCookie() throws Exception {
        StepOutcome outcome = orphans(AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(null, null, null, "0s"))
                .resolve(cookie, null));

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(BuildResult.SUCCESS);
    }
}
