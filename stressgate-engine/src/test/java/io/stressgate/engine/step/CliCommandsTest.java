package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.scenario.Quantities;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliCommandsTest {
    private static final String JAVA = "/opt/jdk/bin/java";
    private static final String JAR = "/agent/caches/stressgate/stressgate-agent-"
            + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.jar";
    /** A build environment as Jenkins gives it inside node { }, with values a careless expansion would use. */
    private static final Map<String, String> BUILD_ENV = Map.of(
            "JENKINS_NODE_COOKIE", "node-cookie-7", "BUILD_NUMBER", "12", "HOME", "/home/jenkins",
            "STRESSGATE_TOKEN", "left-over-token", "STRESSGATE_RUN", "left-over-run", "word", "EXPANDED");

    private final CliCommands commands = new CliCommands(JAVA, JAR, BUILD_ENV);

    private static StressTestArgs args(Map<String, Object> vars, String scenario) throws StepArgumentException {
        return StressTestArgs.of(new StressTestArgs.Input(scenario, vars, null, null, null, null));
    }

    @Test
    void shouldRunTheScenarioWithExactlyThisCommandLine() throws Exception {
        LaunchCommand run = commands.run(args(Map.of(), "perf/storm.yml"), "/ws/stressgate-out/storm", Runs.COOKIE);

        assertThat(run.args()).containsExactly(JAVA, "-jar", JAR, "run", "perf/storm.yml", "--out", "/ws/stressgate-out/storm");
        assertThat(run.secretEnv()).isEmpty();
    }

    @Test
    void shouldRunAShardWithTheShardOptions() throws Exception {
        StressTestArgs shard = StressTestArgs.of(new StressTestArgs.Input("perf/storm.yml", null, null, null, null, null, "2/3", null));

        LaunchCommand run = commands.run(shard, "/ws/out", Runs.COOKIE);

        assertThat(run.args()).containsExactly(JAVA, "-jar", JAR, "run", "perf/storm.yml", "--out", "/ws/out",
                "--shard", "2/3", "--shard-group", "default", "--primary", "1");
    }

    @Test
    void shouldHandTheShardsAgreedStartToTheRun() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-05T10:00:30Z");
        StressTestArgs shard = StressTestArgs.of(new StressTestArgs.Input("perf/storm.yml", null, null, null, null, null,
                "1/2", null, "build+90s", java.time.Instant.parse("2026-12-05T10:00:00Z")), now);

        LaunchCommand run = commands.run(shard, "/ws/out", Runs.COOKIE);

        assertThat(run.args()).endsWith("--start-at", "2026-12-05T10:01:30Z");
    }

    @Test
    void shouldPassVariablesTheRunCookieAndTheNodeCookieOnlyInTheEnvironment() throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("TARGET", "http://127.0.0.1:8080");
        vars.put("API_KEY", "s3cr3t-value");

        LaunchCommand run = commands.run(args(vars, "storm.yml"), "/ws/out", Runs.COOKIE);

        assertThat(run.env()).containsEntry("TARGET", "http://127.0.0.1:8080").containsEntry("API_KEY", "s3cr3t-value")
                .containsEntry(CliCommands.RUN_COOKIE, Runs.COOKIE).containsEntry("JENKINS_NODE_COOKIE", "node-cookie-7")
                .containsEntry("BUILD_NUMBER", "12").doesNotContainKey(CliCommands.TOKEN);
        assertThat(String.join(" ", run.args())).doesNotContain("s3cr3t-value").doesNotContain("127.0.0.1:8080")
                .doesNotContain("API_KEY");
        assertThat(run.display()).doesNotContain("s3cr3t-value");
    }

    @Test
    void shouldDeliverDollarsLiterallyThroughJenkinsExpansion() throws Exception {
        Map<String, Object> vars = Map.of("PASSWORD", "pa$$w${word}$word$");
        LaunchCommand run = commands.run(args(vars, "perf/$word/${word}.yml"), "/ws/out/$$", Runs.COOKIE);

        List<String> started = run.launcherArgs().stream().map(a -> JenkinsExpansion.expand(a, BUILD_ENV)).toList();
        Map<String, String> env = new LinkedHashMap<>();
        run.launcherEnv().forEach((k, v) -> env.put(k, JenkinsExpansion.expand(v, BUILD_ENV)));

        assertThat(started).isEqualTo(run.args());
        assertThat(started).contains("perf/$word/${word}.yml", "/ws/out/$$");
        assertThat(env).containsEntry("PASSWORD", "pa$$w${word}$word$").isEqualTo(run.env());
        assertThat(JenkinsExpansion.expand("perf/$word.yml", BUILD_ENV)).as("the expansion the escaping defends against")
                .isEqualTo("perf/EXPANDED.yml");
    }

    @Test
    void shouldPublishWithTheTokenOnlyInTheEnvironmentAndMarkedSecret() {
        PublishContext target = PublishContext.of(URI.create("https://gate.example.com"), "team/checkout", 12, "main",
                "0123abcd", "https://ci.example.com/job/team/job/checkout/12/");

        LaunchCommand publish = commands.publish(target, "/ws/stressgate-out/storm", "tok-$ecret");

        assertThat(publish.args()).containsExactly(JAVA, "-jar", JAR, "publish", "/ws/stressgate-out/storm", "--server",
                "https://gate.example.com", "--job", "team/checkout", "--build", "12", "--branch", "main", "--commit",
                "0123abcd", "--ci-url", "https://ci.example.com/job/team/job/checkout/12/");
        assertThat(publish.env()).containsEntry(CliCommands.TOKEN, "tok-$ecret").doesNotContainKey(CliCommands.RUN_COOKIE);
        assertThat(publish.secretEnv()).containsExactly(CliCommands.TOKEN);
        assertThat(publish.secretValues()).containsExactly("tok-$ecret");
        assertThat(String.join(" ", publish.args()) + publish.display()).doesNotContain("tok-");
        assertThat(JenkinsExpansion.expand(publish.launcherEnv().get(CliCommands.TOKEN), BUILD_ENV)).isEqualTo("tok-$ecret");
    }

    @Test
    void shouldLeaveOutPublishDetailsThatAreNotWellFormed() {
        PublishContext target = PublishContext.of(URI.create("https://gate.example.com"), "job", 3, "bad\nbranch",
                "not-a-sha", "javascript:alert(1)");

        assertThat(commands.publish(target, "/out", "t").args()).containsExactly(JAVA, "-jar", JAR, "publish", "/out",
                "--server", "https://gate.example.com", "--job", "job", "--build", "3");
    }

    @Test
    void shouldNotHandTheRunProcessATokenLeftInTheBuildEnvironment() throws Exception {
        LaunchCommand run = commands.run(args(Map.of(), "a.yml"), "/out", Runs.COOKIE);

        assertThat(run.env()).doesNotContainKey(CliCommands.TOKEN).containsEntry(CliCommands.RUN_COOKIE, Runs.COOKIE);
    }

    @Test
    void shouldKillWithExactlyThisCommandLine() throws Exception {
        ChaosInput in = ChaosInput.name("redis-server");
        in.signal = "KILL";
        in.scope = "tree";
        in.recoverTcp = "127.0.0.1:6379";
        in.recoverTimeout = "60s";

        LaunchCommand chaos = commands.chaos(in.args(), "/ws@tmp/stressgate/call-x/chaos.json", "/ws@tmp/stressgate/chaos-state");

        assertThat(chaos.args()).containsExactly(JAVA, "-jar", JAR, "chaos", "kill", "--name", "redis-server", "--signal",
                "KILL", "--count", "1", "--max", "1", "--scope", "tree", "--among", "matches", "--pick", "first", "--recover-tcp", "127.0.0.1:6379",
                "--recover-timeout", "1m", "--execute", "--json", "/ws@tmp/stressgate/call-x/chaos.json", "--state-dir",
                "/ws@tmp/stressgate/chaos-state");
        assertThat(Quantities.duration("1m")).isEqualTo(Duration.ofSeconds(60));
        assertThat(chaos.env()).containsEntry("JENKINS_NODE_COOKIE", "node-cookie-7")
                .doesNotContainKeys(CliCommands.TOKEN, CliCommands.RUN_COOKIE);
    }

    @Test
    void shouldPassTheChoiceOfProcessesToTheCommandLine() throws Exception {
        ChaosInput in = ChaosInput.name("celery");
        in.signal = "KILL";
        in.max = 4;
        in.among = "children";
        in.pick = "busy";

        LaunchCommand chaos = commands.chaos(in.args(), "/c.json", "/state");

        assertThat(chaos.args()).containsSubsequence("--max", "4", "--scope", "process", "--among", "children", "--pick", "busy",
                "--execute");
    }

    @Test
    void shouldPauseAsADryRunWithACommandProbe() throws Exception {
        ChaosInput in = ChaosInput.pid(4242);
        in.pauseFor = "1500ms";
        in.recoverCommand = List.of("curl", "-fsS", "http://127.0.0.1:8080/health");
        in.dryRun = true;

        LaunchCommand chaos = commands.chaos(in.args(), "/c.json", "/state");

        assertThat(chaos.args()).containsExactly(JAVA, "-jar", JAR, "chaos", "pause", "--pid", "4242", "--pause-for", "1.5s",
                "--count", "1", "--max", "1", "--scope", "process", "--among", "matches", "--pick", "first", "--recover-cmd",
                "[\"curl\",\"-fsS\",\"http://127.0.0.1:8080/health\"]", "--dry-run", "--json", "/c.json", "--state-dir", "/state");
        assertThat(Quantities.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldStopWithACommandAndItsRestoreAsJsonArrays() throws Exception {
        ChaosInput in = new ChaosInput();
        in.command = List.of("redis-cli", "-p", "6379", "shutdown");
        in.restore = List.of("redis-server", "--port", "6379", "--requirepass", "pa$$ \"quoted\"");
        in.pauseFor = "10s";

        LaunchCommand chaos = commands.chaos(in.args(), "/c.json", "/state");

        assertThat(chaos.args()).containsExactly(JAVA, "-jar", JAR, "chaos", "stop", "--command",
                "[\"redis-cli\",\"-p\",\"6379\",\"shutdown\"]", "--restore",
                "[\"redis-server\",\"--port\",\"6379\",\"--requirepass\",\"pa$$ \\\"quoted\\\"\"]", "--pause-for", "10s",
                "--execute", "--json", "/c.json", "--state-dir", "/state");
        assertThat(chaos.launcherArgs().stream().map(a -> JenkinsExpansion.expand(a, BUILD_ENV)).toList())
                .isEqualTo(chaos.args());
    }

    @Test
    void shouldPassARegexWithDollarsThroughUnchanged() throws Exception {
        ChaosInput in = new ChaosInput();
        in.cmdline = "worker --queue=\\w+$";

        LaunchCommand chaos = commands.chaos(in.args(), "/c.json", "/state");

        assertThat(chaos.launcherArgs().stream().map(a -> JenkinsExpansion.expand(a, BUILD_ENV)).toList())
                .contains("worker --queue=\\w+$").isEqualTo(chaos.args());
    }

    @Test
    void shouldLookForOrphansWithExactlyThisCommandLine() throws Exception {
        AssertNoOrphansArgs.Query query = AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(null, "celery", null, "3s"))
                .resolve(Runs.COOKIE, "node-cookie-7");

        LaunchCommand orphans = commands.orphans(query, "/ws@tmp/stressgate/call-y/orphans.json");

        assertThat(orphans.args()).containsExactly(JAVA, "-jar", JAR, "orphans", "--cookie", Runs.COOKIE, "--pattern",
                "celery", "--grace", "3s", "--reap", "--json", "/ws@tmp/stressgate/call-y/orphans.json");
        assertThat(orphans.env()).doesNotContainKey(CliCommands.RUN_COOKIE).containsEntry("JENKINS_NODE_COOKIE", "node-cookie-7");
    }

    @Test
    void shouldNotReapWhenToldNot() throws Exception {
        AssertNoOrphansArgs.Query query = AssertNoOrphansArgs.of(new AssertNoOrphansArgs.Input(null, null, false, null))
                .resolve(null, "node-cookie-7");

        assertThat(commands.orphans(query, "/o.json").args()).containsExactly(JAVA, "-jar", JAR, "orphans", "--cookie",
                "node-cookie-7", "--grace", "2s", "--json", "/o.json");
    }

    @Test
    void shouldProbeTheJarWithTheJavaThatWillStartItAndTheBuildEnvironment() {
        LaunchCommand probe = CliCommands.jarProbe("java", JAR, BUILD_ENV);

        assertThat(probe.args()).containsExactly("java", "-jar", JAR, "--version");
        assertThat(probe.env()).isEqualTo(BUILD_ENV);
    }

    @Test
    void shouldQuoteArgumentsForTheLogOnly() {
        LaunchCommand command = new LaunchCommand(List.of("java", "it's here", "a b"), Map.of(), java.util.Set.of());

        assertThat(command.display()).isEqualTo("java 'it'\\''s here' 'a b'");
    }
}
