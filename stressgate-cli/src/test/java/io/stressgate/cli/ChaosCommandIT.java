package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stressgate.engine.process.ProcFs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code stressgate chaos} contract the pipeline steps rely on: exit codes, messages, JSON, and the safety rules. */
class ChaosCommandIT {
    @TempDir
    Path dir;

    private CliRunner cli;
    private Process sentinel;
    private Path state;

    @BeforeEach
    void startSentinel() throws Exception {
        cli = new CliRunner(dir);
        sentinel = cli.start(List.of("sleep", "60"), Map.of());
        state = dir.resolve("state");
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        cli.close();
    }

    private CliRunner.Outcome chaos(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("chaos"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", state.toString()));
        return cli.run(Map.of(), all.toArray(String[]::new));
    }

    private static JsonNode json(Path file) throws Exception {
        return new JsonMapper().readTree(file.toFile());
    }

    private void assertRefused(CliRunner.Outcome outcome, String rule) {
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(4);
        assertThat(outcome.out()).startsWith("REFUSED: refused by rule " + rule + ": ");
        assertThat(sentinel.isAlive()).as("the sentinel was not hit").isTrue();
    }

    @Test
    void shouldOnlyListTheTargetsWithoutExecute() throws Exception {
        Path json = dir.resolve("event.json");

        CliRunner.Outcome outcome = chaos("kill", "--pid", Long.toString(sentinel.pid()), "--signal", "KILL", "--json", json.toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("DRY_RUN: dry run: would send KILL to pid " + sentinel.pid() + "; nothing was sent")
                .contains("pid " + sentinel.pid() + " (root): sleep 60");
        assertThat(sentinel.isAlive()).isTrue();
        assertThat(json(json).get("outcome").asText()).isEqualTo("DRY_RUN");
    }

    @Test
    void shouldKillWithExecuteAndWriteTheEventAsJson() throws Exception {
        Path json = dir.resolve("event.json");

        CliRunner.Outcome outcome = chaos("kill", "--pid", Long.toString(sentinel.pid()), "--signal", "KILL", "--execute", "--json",
                json.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(sentinel.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        JsonNode event = json(json);
        assertThat(event.get("outcome").asText()).isEqualTo("DONE");
        assertThat(event.get("action").asText()).isEqualTo("kill");
        assertThat(event.get("signal").asText()).isEqualTo("KILL");
        assertThat(event.get("targets").get(0).get("pid").asLong()).isEqualTo(sentinel.pid());
        assertThat(Files.readString(state.resolve("audit.jsonl"))).contains("\"what\":\"kill\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pid=1", "--pid=0", "--pid=-1", "--pid=-1234"})
    void shouldRefuseInitAndPidsThatAddressGroups(String pid) throws Exception {
        assertRefused(chaos("kill", pid, "--signal", "KILL", "--execute"), "PID_RANGE");
    }

    @Test
    void shouldAcceptANegativePidWrittenAsASeparateArgumentAndStillRefuseIt() throws Exception {
        assertRefused(chaos("kill", "--pid", "-1234", "--execute"), "PID_RANGE");
    }

    @Test
    void shouldRefuseTheProcessThatStartedTheTool() throws Exception {
        long testJvm = ProcessHandle.current().pid();

        assertRefused(chaos("kill", "--pid", Long.toString(testJvm), "--signal", "KILL", "--execute"), "ANCESTOR");
    }

    @Test
    void shouldRefuseItsOwnPidAndExitWithFour() {
        StringWriter out = new StringWriter();
        int code = StressGateCommand.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter())).execute("chaos", "kill",
                "--pid", Long.toString(ProcessHandle.current().pid()), "--signal", "KILL", "--execute", "--state-dir", state.toString());

        assertThat(code).isEqualTo(4);
        assertThat(out.toString()).startsWith("REFUSED: refused by rule SELF: ");
    }

    @Test
    void shouldRefuseAnotherUsersProcessUnlessAllowed() throws Exception {
        Process nobody = cli.start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sleep", "60"), Map.of());
        assertThat(CliRunner.await(() -> ProcFs.system().process(nobody.pid()).map(p -> p.uid() == 65534).orElse(false),
                Duration.ofSeconds(5))).isTrue();

        assertRefused(chaos("kill", "--pid", Long.toString(nobody.pid()), "--execute"), "OTHER_USER");
        assertThat(nobody.isAlive()).isTrue();

        CliRunner.Outcome allowed = chaos("kill", "--pid", Long.toString(nobody.pid()), "--execute", "--allow-other-users");
        assertThat(allowed.exitCode()).as(allowed.out()).isZero();
        assertThat(nobody.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(state.resolve("audit.jsonl"))).contains("other-user-override");
    }

    @Test
    void shouldFailLoudlyWhenNothingMatchesAndRefuseTooManyMatches() throws Exception {
        String unique = "27" + Math.abs(dir.hashCode() % 1_000_000);
        Process a = cli.start(List.of("sleep", unique), Map.of());
        Process b = cli.start(List.of("sleep", unique), Map.of());
        CliRunner.await(() -> ProcFs.system().process(b.pid()).map(p -> p.cmdline().size() == 2).orElse(false), Duration.ofSeconds(5));

        assertRefused(chaos("kill", "--cmdline", "^no-such-program-" + unique, "--execute"), "NO_MATCH");
        CliRunner.Outcome tooMany = chaos("kill", "--cmdline", "^sleep " + unique + "$", "--execute");
        assertRefused(tooMany, "TOO_MANY");
        assertThat(tooMany.out()).contains("2 processes match command line /^sleep " + unique + "$/, more than max 1");
        assertThat(a.isAlive() && b.isAlive()).isTrue();

        CliRunner.Outcome both = chaos("kill", "--name", "sleep", "--cmdline", "^sleep " + unique + "$", "--count", "2", "--max", "2",
                "--execute");
        assertThat(both.exitCode()).as(both.out()).isZero();
        assertThat(a.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && b.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldRefuseEverythingWhenTheKillSwitchFileIsThere() throws Exception {
        Files.createDirectories(state);
        Files.createFile(state.resolve("chaos-disabled"));

        assertRefused(chaos("kill", "--pid", Long.toString(sentinel.pid()), "--execute"), "KILL_SWITCH");
        assertRefused(chaos("stop", "--command", "[\"touch\",\"stopped\"]", "--restore", "[\"true\"]", "--execute"), "KILL_SWITCH");
        assertThat(dir.resolve("stopped")).doesNotExist();
    }

    @Test
    void shouldRefuseEverythingWhenTheKillSwitchVariableIsSet() throws Exception {
        CliRunner.Outcome outcome = cli.run(Map.of("STRESSGATE_CHAOS_DISABLED", "1"), "chaos", "kill", "--pid",
                Long.toString(sentinel.pid()), "--execute", "--state-dir", state.toString());

        assertRefused(outcome, "KILL_SWITCH");
    }

    @Test
    void shouldPauseAndContinue() throws Exception {
        CliRunner.Outcome outcome = chaos("pause", "--pid", Long.toString(sentinel.pid()), "--pause-for", "300ms", "--execute");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("DONE: paused pid " + sentinel.pid() + " for 300ms");
        assertThat(ProcFs.system().stat(sentinel.pid()).orElseThrow().state()).isEqualTo('S');
    }

    @Test
    void shouldStopRestoreAfterTheDurationAndMeasureRecovery() throws Exception {
        Path up = Files.createFile(dir.resolve("up"));
        Path json = dir.resolve("event.json");

        CliRunner.Outcome outcome = chaos("stop", "--command", "[\"rm\",\"up\"]", "--restore", "[\"touch\",\"up\"]", "--pause-for",
                "300ms", "--recover-cmd", "[\"test\",\"-e\",\"up\"]", "--execute", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(up).exists();
        assertThat(json(json).get("restoredAfterMs").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(json(json).get("recoveredAfterMs")).isNotNull();
    }

    @Test
    void shouldLeaveAStopWithoutDurationInTheLedgerForStartToRestore() throws Exception {
        Files.createFile(dir.resolve("up"));

        CliRunner.Outcome stopped = chaos("stop", "--command", "[\"rm\",\"up\"]", "--restore", "[\"touch\",\"up\"]", "--execute");
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).contains("waits in the ledger");
        assertThat(dir.resolve("up")).doesNotExist();

        CliRunner.Outcome listed = chaos("start");
        assertThat(listed.out()).startsWith("DRY_RUN: dry run: would restore cli-stop (restore [touch, up]");
        assertThat(dir.resolve("up")).doesNotExist();

        CliRunner.Outcome started = chaos("start", "--execute");
        assertThat(started.exitCode()).as(started.out()).isZero();
        assertThat(dir.resolve("up")).exists();
        assertThat(chaos("start", "--execute").out()).startsWith("DONE: nothing is owed in");
    }

    @Test
    void shouldExitWithOneWhenTheRestoreFailsOrTheSystemDoesNotRecover() throws Exception {
        CliRunner.Outcome restoreFails = chaos("stop", "--command", "[\"true\"]", "--restore", "[\"false\"]", "--pause-for", "10ms",
                "--execute");
        assertThat(restoreFails.exitCode()).isEqualTo(1);
        assertThat(restoreFails.out()).startsWith("FAILED: ").contains("restore FAILED");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRunner.Outcome noRecovery = chaos("kill", "--pid", Long.toString(sentinel.pid()), "--recover-tcp", "127.0.0.1:" + closed,
                "--recover-timeout", "500ms", "--execute");
        assertThat(noRecovery.exitCode()).isEqualTo(1);
        assertThat(noRecovery.out()).contains("did not recover within 500ms");
    }

    @Test
    void shouldKeepShellMetacharactersLiteral() throws Exception {
        String hostile = "; touch pwned-canary && $(touch pwned-canary) `touch pwned-canary` | touch pwned-canary\ntouch pwned-canary";
        String argv = new JsonMapper().writeValueAsString(List.of("touch", "--", hostile));

        CliRunner.Outcome started = chaos("start", "--command", argv, "--execute");
        CliRunner.Outcome matched = chaos("kill", "--cmdline", hostile.substring(0, hostile.indexOf('\n')), "--execute");
        CliRunner.Outcome twoLines = chaos("kill", "--cmdline", hostile, "--execute");

        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        assertThat(dir.resolve(hostile)).exists();
        assertThat(matched.exitCode()).isEqualTo(4);
        assertUsage(twoLines, "--cmdline contains a control character");
        assertThat(dir.resolve("pwned-canary")).doesNotExist();
        assertThat(Path.of("pwned-canary")).doesNotExist();
    }

    @Test
    void shouldKillTheYoungestChildWhenAskedAndRecordTheChoice() throws Exception {
        Process shell = cli.start(List.of("sh", "-c", "sleep 60 & sleep 0.3; sleep 60 & wait"), Map.of());
        ProcFs proc = ProcFs.system();
        assertThat(CliRunner.await(() -> proc.table().children(shell.pid()).stream()
                .filter(pid -> proc.process(pid).map(p -> p.commandLine().equals("sleep 60")).orElse(false)).count() == 2,
                Duration.ofSeconds(10))).as("two sleeping children, the short sleep between them gone").isTrue();
        long youngest = proc.table().children(shell.pid()).stream()
                .max(java.util.Comparator.comparingLong(pid -> proc.stat(pid).orElseThrow().startTicks())).orElseThrow();
        Path json = dir.resolve("event.json");

        CliRunner.Outcome outcome = chaos("kill", "--pid", Long.toString(shell.pid()), "--among", "children", "--pick", "youngest",
                "--max", "2", "--signal", "KILL", "--execute", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("chosen among children, pick youngest");
        assertThat(json(json).get("among").asText()).isEqualTo("children");
        assertThat(json(json).get("pick").asText()).isEqualTo("youngest");
        assertThat(json(json).get("targets")).singleElement().satisfies(t -> assertThat(t.get("pid").asLong()).isEqualTo(youngest));
        assertThat(CliRunner.await(() -> proc.table().children(shell.pid()).size() == 1, Duration.ofSeconds(10)))
                .as("only the youngest child was killed").isTrue();
        assertThat(shell.isAlive()).isTrue();
    }

    @Test
    void shouldExitWithTwoAndSayWhatIsWrongForUsageErrors() throws Exception {
        assertUsage(chaos("explode"), "ACTION \"explode\"");
        assertUsage(chaos("kill", "--execute"), "--pid, --pid-file, --name, --cmdline or --port is required: the processes to kill");
        assertUsage(chaos("stop", "--command", "redis-cli shutdown", "--restore", "[\"x\"]"), "--command must be a JSON array of strings");
        assertUsage(chaos("stop", "--command", "[\"redis-cli\"]"), "--restore is required: the argument list that undoes the stop");
        assertUsage(chaos("pause", "--pid", "12345"), "--pause-for is required: how long the paused processes stay stopped");
        assertUsage(chaos("kill", "--pid", "12345", "--count", "3", "--max", "2"), "--count 3 is more than --max 2");
        assertUsage(chaos("kill", "--pid", "12345", "--count", "1500", "--max", "2000"),
                "--count 1500 must be between 1 and 1000; --max 2000 must be between 1 and 1000");
        assertUsage(chaos("kill", "--pid", "12345", "--execute", "--dry-run"), "give --execute or --dry-run, not both");
        assertUsage(chaos("kill", "--pid", "12345", "--signal", "QUIT"), "--signal \"QUIT\"");
        assertUsage(chaos("kill", "--pid", "12345", "--recover-http", "http://127.0.0.1:1/", "--recover-tcp", "127.0.0.1:1"),
                "give only one of --recover-http, --recover-tcp, --recover-cmd");
        assertUsage(chaos("kill", "--pid", "12345", "--scope", "galaxy"), "--scope \"galaxy\"");
        assertUsage(chaos("kill", "--pid", "12345", "--among", "cousins"),
                "--among \"cousins\": \"cousins\" is not one of matches, children, leaves");
        assertUsage(chaos("kill", "--pid", "12345", "--pick", "slowest"), "--pick \"slowest\": \"slowest\" is not one of first");
        assertUsage(chaos("stop", "--command", "[\"x\"]", "--restore", "[\"y\"]", "--among", "children"),
                "--among does not apply to stop: a stop runs a command");
        assertUsage(chaos("kill", "--pid", "12345", "--restore", "[\"y\"]", "--pause-for", "1s", "--signal", "BOOM"),
                "--signal \"BOOM\"", "--restore does not apply to kill", "--pause-for does not apply to kill");
        assertThat(sentinel.isAlive()).isTrue();
    }

    @Test
    void shouldHoldEveryValueToTheBoundsTheScenarioAndTheStepShareNamingTheFlags() throws Exception {
        String sixtyFive = "[" + String.join(",", java.util.Collections.nCopies(65, "\"x\"")) + "]";

        assertUsage(chaos("pause", "--name", "redis; id", "--count", "1500", "--pause-for", "2h", "--recover-tcp", "127.0.0.1:1",
                "--recover-timeout", "50ms"),
                "--count 1500 must be between 1 and 1000",
                "--name \"redis; id\" is not an executable name",
                "--recover-timeout 50ms must be between 100ms and 1h",
                "--pause-for 2h must be more than 0 and at most 1h");
        assertUsage(chaos("kill", "--pid", "12345", "--recover-timeout", "30s"),
                "--recover-timeout is given without a probe; add --recover-http, --recover-tcp or --recover-cmd");
        assertUsage(chaos("kill", "--cmdline", "w".repeat(513)), "--cmdline must be 1 to 512 characters");
        assertUsage(chaos("kill", "--name", "/usr/bin/sleep"), "--name \"/usr/bin/sleep\" is not an executable name");
        CliRunner.Outcome secret = chaos("kill", "--pid", "12345", "--recover-http", "http://user:secret@127.0.0.1:1/health");
        assertUsage(secret, "--recover-http: a probe URL carries no user or password (http://***@127.0.0.1:1/health)");
        assertThat(secret.err()).doesNotContain("secret");
        assertUsage(chaos("kill", "--pid", "12345", "--recover-tcp", "ho st:1"), "\"ho st:1\" is not HOST:PORT");
        assertUsage(chaos("stop", "--command", sixtyFive, "--restore", "[\"y\"]", "--pause-for", "0s"),
                "--command has 65 arguments; a command has 1 to 64", "--pause-for 0s must be more than 0 and at most 1h");
        assertThat(sentinel.isAlive()).isTrue();
    }

    private static void assertUsage(CliRunner.Outcome outcome, String... messages) {
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(messages);
    }
}
