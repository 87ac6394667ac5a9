package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stressgate orphans} contract of the assertNoOrphans step (RELIABILITY K10). */
class OrphansCommandIT {
    @TempDir
    Path dir;

    private CliRunner cli;
    private final String cookie = "build-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        cli.close();
    }

    /** A daemon that escaped its parent with setsid, carrying {@code variable=value}; returns its pid. */
    private long daemon(String variable, String value, String seconds) throws Exception {
        cli.start(List.of("setsid", "-f", "sleep", seconds), Map.of(variable, value)).waitFor();
        cli.trackCookie(value);
        return CliRunner.awaitDaemon(value, Duration.ofSeconds(5));
    }

    private static JsonNode json(Path file) throws Exception {
        return new JsonMapper().readTree(file.toFile());
    }

    @Test
    void shouldReportADaemonCarryingTheRunCookieAndExitWithOne() throws Exception {
        long pid = daemon("STRESSGATE_RUN", cookie, "60");
        Path json = dir.resolve("orphans.json");

        CliRunner.Outcome outcome = cli.run(Map.of(), "orphans", "--cookie", cookie, "--grace", "0s", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).contains("orphan pid " + pid + " (parent 1) COOKIE: sleep 60");
        JsonNode result = json(json);
        assertThat(result.get("checked").asInt()).isPositive();
        assertThat(result.get("orphans")).hasSize(1);
        assertThat(result.get("orphans").get(0).get("pid").asLong()).isEqualTo(pid);
        assertThat(result.get("orphans").get(0).get("why").asText()).isEqualTo("COOKIE");
        assertThat(result.get("orphans").get(0).get("reaped").asBoolean()).isFalse();
    }

    @Test
    void shouldFindJenkinsNodeCookiesTooAndReapWhenAsked() throws Exception {
        long pid = daemon("JENKINS_NODE_COOKIE", cookie, "60");
        Path json = dir.resolve("orphans.json");

        CliRunner.Outcome outcome = cli.run(Map.of(), "orphans", "--cookie", cookie, "--grace", "0s", "--reap", "--json", json.toString());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(json(json).get("orphans").get(0).get("reaped").asBoolean()).isTrue();
        assertThat(CliRunner.await(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldExitWithZeroWhenNothingIsLeft() throws Exception {
        CliRunner.Outcome outcome = cli.run(Map.of(), "orphans", "--cookie", cookie, "--grace", "100ms");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("0 orphan(s) among ");
    }

    @Test
    void shouldNeverReportNorReapAnotherBuildsProcessesOrExcludedOnes() throws Exception {
        String other = "build-" + UUID.randomUUID();
        String unique = "26" + Math.abs(cookie.hashCode() % 1_000_000);
        long foreign = daemon("JENKINS_NODE_COOKIE", other, unique);
        long excluded = daemon("STRESSGATE_RUN", cookie, "61");

        CliRunner.Outcome outcome = cli.run(Map.of(), "orphans", "--cookie", cookie, "--pattern", "^sleep " + unique + "$",
                "--exclude-pid", Long.toString(excluded), "--grace", "0s", "--reap");

        assertThat(outcome.exitCode()).as(outcome.out()).isZero();
        assertThat(ProcessHandle.of(foreign).map(ProcessHandle::isAlive).orElse(false)).as("another build's process lives").isTrue();
        assertThat(ProcessHandle.of(excluded).map(ProcessHandle::isAlive).orElse(false)).isTrue();
    }

    @Test
    void shouldSpareTheLiveStepItRunsInButReportWhatEscapedIt() throws Exception {
        long escaped = daemon("JENKINS_NODE_COOKIE", cookie, "62");
        List<String> step = new ArrayList<>(List.of("perl", "-e",
                "my $hb = fork(); if ($hb == 0) { exec('sleep', '63') } system(@ARGV); my $code = $? >> 8; kill('KILL', $hb); exit($code)"));
        step.addAll(CliRunner.command("orphans", "--cookie", cookie, "--grace", "300ms"));

        CliRunner.Outcome outcome = cli.runCommand(step, Map.of("JENKINS_NODE_COOKIE", cookie));

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).contains("orphan pid " + escaped + " ").doesNotContain("sleep 63").doesNotContain("perl");
    }

    @Test
    void shouldExitWithTwoWithoutACookieOrPatternOrWithABadPattern() throws Exception {
        CliRunner.Outcome none = cli.run(Map.of(), "orphans");
        CliRunner.Outcome bad = cli.run(Map.of(), "orphans", "--pattern", "(unclosed");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("say what marks an orphan: --cookie ID or --pattern REGEX");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--pattern \"(unclosed\" is not a regular expression");
    }
}
