package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.step.BuildResult;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * RELIABILITY L1 for a reused output folder: a run killed with SIGKILL after a PASSED run in the same {@code --out}
 * leaves nothing any reader takes for a pass: not the files, not the step layer's reader, not {@code publish} and the
 * real reporting service's release gate.
 */
class StaleResultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRunner cli;
    private HttpServer target;
    private StressGateServer service;
    private String token;
    private final String cookie = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
        target = CliRunner.okTarget();
        service = StressGateServer.start(ServerConfig.defaults("127.0.0.1", 0, StoreConfig.sqlite(dir.resolve("data")),
                dir.resolve("backups")), Clock.systemUTC());
        token = new TokenStore(service.database(), Clock.systemUTC()).create("ci", Scope.WRITE, null).secret();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        cli.close();
        target.stop(0);
        service.close();
    }

    private Path scenario(String duration) throws Exception {
        return Files.writeString(dir.resolve("s.yml"), "name: stale\ntarget: http://127.0.0.1:" + target.getAddress().getPort()
                + "\nload: [{name: root, executor: constant-arrival-rate, rate: 20/s, duration: " + duration
                + ", request: {path: /}}]\nsampling: {interval: 100ms, system: true}\ngates: [\"http.errors == 0\"]\n");
    }

    private Map<String, String> env() {
        return Map.of(RunExecution.COOKIE_VARIABLE, cookie, "XDG_STATE_HOME", dir.resolve("state").toString(),
                PublishCommand.TOKEN_VARIABLE, token);
    }

    private CliRunner.Outcome publish(int build) throws Exception {
        return cli.run(env(), "publish", "out", "--server", "http://127.0.0.1:" + service.port(), "--job", "shop",
                "--build", Integer.toString(build), "--tries", "1");
    }

    private JsonNode gate(int build) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/api/v1/jobs/shop/gate?build=" + build)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Whether the run has replaced every report with its stand-in (report.html is the last one written). */
    private boolean standInsWritten() {
        try {
            return Files.readString(dir.resolve("out/report.html")).contains("RUNNING");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void shouldLeaveNothingThatReadsAsPassedWhenARunIsKilledInAFolderOfAPassedRun() throws Exception {
        CliRunner.Outcome first = cli.run(env(), "run", scenario("1s").toString(), "--out", "out", "--progress", "none");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.PASSED);
        String passedRun = JSON.readTree(dir.resolve("out/results.json").toFile()).get("runId").asText();
        assertThat(publish(1).exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(gate(1).get("verdict").asText()).as("the gate passes the complete run").isEqualTo("PASSED");
        assertThat(dir.resolve("out/metrics.csv")).exists();

        Process killed = cli.start(CliRunner.command("run", scenario("60s").toString(), "--out", "out", "--progress", "none"), env());
        assertThat(CliRunner.await(this::standInsWritten, Duration.ofSeconds(30))).isTrue();
        Thread.sleep(1_000); // into the load
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(137);

        JsonNode results = JSON.readTree(dir.resolve("out/results.json").toFile());
        assertThat(results.get("status").asText()).isEqualTo("RUNNING");
        assertThat(results.get("verdict").asText()).isNotEqualTo("PASSED");
        assertThat(results.get("statusReason").asText()).contains("killed");
        for (String file : List.of("results.json", "junit.xml", "summary.md", "report.html")) {
            String text = Files.readString(dir.resolve("out").resolve(file));
            assertThat(text).as(file).contains("RUNNING").contains(results.get("runId").asText()).doesNotContain(passedRun);
        }
        assertThat(Files.readString(dir.resolve("out/junit.xml"))).contains("<failure type=\"running\"");
        assertThat(Files.readString(dir.resolve("out/summary.md"))).contains("Incomplete run (RUNNING)").doesNotContain("PASSED");

        Received<RunResults> read = new StepDocuments().results(Files.readAllBytes(dir.resolve("out/results.json")));
        RunJudge.Admission step = new RunJudge().admit("s.yml", killed.exitValue(), null, read);
        assertThat(step.usable()).isFalse();
        assertThat(step.failure().result()).isEqualTo(BuildResult.FAILURE);
        assertThat(step.failure().message()).contains("never finished");

        CliRunner.Outcome published = publish(2);
        assertThat(published.err()).contains("never finished", "incomplete");
        JsonNode answer = gate(2);
        assertThat(answer.get("verdict").asText()).as(answer.toString()).isEqualTo("FAILED");
        assertThat(answer.get("reasons").get(0).asText()).contains("did not complete (RUNNING");
    }
}
