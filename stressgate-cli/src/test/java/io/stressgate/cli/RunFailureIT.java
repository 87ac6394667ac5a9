package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails before its load, run as a user runs it (its own JVM): it ends as ERROR with the real cause in
 * every output, stops what it started and exits 1; an unusable {@code --out} is invalid input (exit 2) found before
 * anything starts.
 */
class RunFailureIT {
    @TempDir
    Path dir;

    private CliRunner cli;
    private final String cookie = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        cli.close();
    }

    private Path scenario(String services) throws Exception {
        return Files.writeString(dir.resolve("s.yml"), "name: never-ready\ntarget: http://127.0.0.1:" + closedPort() + "\n"
                + services + "load: [{name: root, executor: constant-arrival-rate, rate: 10/s, duration: 1s, request: {path: /}}]\n"
                + "gates: [\"http.errors == 0\"]\n");
    }

    private CliRunner.Outcome run(Path scenario, String out) throws Exception {
        return cli.run(Map.of(RunExecution.COOKIE_VARIABLE, cookie, "XDG_STATE_HOME", dir.resolve("state").toString()),
                "run", scenario.toString(), "--out", out, "--progress", "none");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldEndAsErrorWithTheCauseInEveryOutputWhenAServiceNeverBecomesReady() throws Exception {
        Path s = scenario("services:\n  - name: app\n    command: [sleep, \"3141\"]\n"
                + "    ready: {tcp: \"127.0.0.1:" + closedPort() + "\", timeout: 1s}\n");

        CliRunner.Outcome outcome = run(s, "out");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(outcome.err()).doesNotContain("IllegalStateException");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(results.get("status").asText()).isEqualTo("ERROR");
        assertThat(results.get("verdict").asText()).isEqualTo("FAILED");
        String cause = results.get("statusReason").asText();
        assertThat(cause).contains("a service did not start", "app");
        for (String file : new String[] {"junit.xml", "summary.md", "report.html"}) {
            assertThat(Files.readString(dir.resolve("out").resolve(file))).as(file).contains("ERROR").contains("a service did not start");
        }
        assertThat(CliRunner.await(() -> CliRunner.withCookie(cookie).isEmpty(), Duration.ofSeconds(5)))
                .as("the service the run started is stopped").isTrue();
    }

    @Test
    void shouldRefuseAnOutputPathThroughAFolderThatDoesNotExistBeforeStartingAnything() throws Exception {
        Path s = scenario("");

        CliRunner.Outcome outcome = run(s, "missing/../dir");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--out missing/../dir", "missing does not exist");
        assertThat(dir.resolve("dir")).doesNotExist();
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void shouldRefuseAnOutputPathNamingAFile() throws Exception {
        Path s = scenario("");
        Files.writeString(dir.resolve("taken"), "not a directory");

        CliRunner.Outcome outcome = run(s, "taken");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--out taken", "is a file").doesNotContain("FileAlreadyExistsException");
        assertThat(dir.resolve("taken")).hasContent("not a directory");
    }
}
