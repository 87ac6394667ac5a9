package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * RELIABILITY L8 against a real service: 503s are retried with the same idempotency key until acknowledged; an
 * unreachable service leaves the results in a spool that a later publish sends; the token never shows.
 */
class PublishCommandIT {
    @TempDir
    Path dir;
    private StressGateServer service;
    private String token;
    private HttpServer proxy;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        service = StressGateServer.start(ServerConfig.defaults("127.0.0.1", 0, StoreConfig.sqlite(dir.resolve("data")),
                dir.resolve("backups")), Clock.systemUTC());
        token = new TokenStore(service.database(), Clock.systemUTC()).create("ci", Scope.WRITE, null).secret();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        service.close();
    }

    /**
     * A front that answers 503 to the first {@code failures} uploads and forwards the rest to the service. Like
     * Uvicorn, it answers 400 to any request that asks to upgrade the connection (the JDK client's h2c default).
     */
    private URI flakyFront(int failures) throws IOException {
        AtomicInteger seen = new AtomicInteger();
        HttpClient forward = HttpClient.newHttpClient();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            if (exchange.getRequestHeaders().containsKey("Upgrade")) {
                respond(exchange, 400, "Unsupported upgrade request.");
                return;
            }
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            if (seen.incrementAndGet() <= failures) {
                respond(exchange, 503, "{\"error\":\"unavailable\"}");
                return;
            }
            respond(exchange, forward(forward, exchange));
        });
        proxy.start();
        return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
    }

    private HttpResponse<byte[]> forward(HttpClient client, HttpExchange exchange) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + exchange.getRequestURI()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        for (String h : List.of("Authorization", "Content-Type", "Content-Encoding", "Idempotency-Key")) {
            request.header(h, exchange.getRequestHeaders().getFirst(h));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        exchange.sendResponseHeaders(response.statusCode(), response.body().length);
        exchange.getResponseBody().write(response.body());
        exchange.close();
    }

    private Path runDirectory() throws IOException {
        LatencyMs l = new LatencyMs(20, 36, 40, 60, 80, 120, 1, 20, 3);
        LoadSummary all = new LoadSummary(1000, 0, 0, 0, 100, 0, 1000, l, Map.of("200", 1000L), Map.of(), 0, null);
        RunResults r = new RunResults.Builder().runId("r1").scenario(new ScenarioInfo("checkout", null, "c.yml", null, null))
                .startedAt(Instant.parse("2026-11-01T10:00:00Z")).durationMs(10_000).load(Map.of(RunResults.ALL, all)).build();
        Path run = Files.createDirectories(dir.resolve("out"));
        ResultsJson.write(r, run.resolve("results.json"));
        return run;
    }

    private int publish(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new PublishCommand(env::get, waits::add));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int storedRuns() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/api/v1/jobs/shop/runs")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? 0 : r.body().split("\"id\"").length - 1;
    }

    @Test
    void shouldRetry503WithTheSameKeyUntilTheServiceAcknowledges() throws Exception {
        URI front = flakyFront(2);

        int code = publish(Map.of("STRESSGATE_TOKEN", token), runDirectory().toString(), "--server", front.toString(),
                "--job", "shop", "--build", "7", "--backoff", "100ms");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(keys).hasSize(3).containsOnly(keys.get(0));
        assertThat(keys.get(0)).startsWith("sg-");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(waits.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(out.toString()).contains("HTTP 201");
        assertThat(err.toString()).contains("attempt 1 failed (HTTP 503)");
        assertThat(storedRuns()).isEqualTo(1);
        assertThat(out.toString() + err.toString()).doesNotContain(token);
    }

    @Test
    void shouldKeepTheResultsInTheSpoolWhenTheServiceCannotBeReachedAndSendThemLater() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path spool = dir.resolve("spool");

        int failed = publish(Map.of("STRESSGATE_TOKEN", token), runDirectory().toString(), "--server", "http://127.0.0.1:" + closedPort,
                "--job", "shop", "--build", "8", "--tries", "3", "--backoff", "10ms", "--spool", spool.toString());
        Path spooled;
        try (var dirs = Files.list(spool)) {
            spooled = dirs.findFirst().orElseThrow();
        }
        int resent = publish(Map.of("STRESSGATE_TOKEN", token), spooled.toString(), "--server", "http://127.0.0.1:" + service.port(),
                "--job", "shop", "--build", "8");
        int again = publish(Map.of("STRESSGATE_TOKEN", token), spooled.toString(), "--server", "http://127.0.0.1:" + service.port(),
                "--job", "shop", "--build", "8");

        assertThat(failed).isEqualTo(ExitCodes.FAILED);
        assertThat(waits).hasSize(2);
        assertThat(err.toString()).contains("cannot reach", "the results are kept in " + spooled, "stressgate publish " + spooled);
        assertThat(spooled.resolve("results.json")).hasSameTextualContentAs(dir.resolve("out/results.json"));
        assertThat(Files.readString(spooled.resolve("publish.properties"))).contains("job=shop", "build=8", "idempotencyKey=sg-");
        assertThat(resent).isEqualTo(ExitCodes.PASSED);
        assertThat(again).isEqualTo(ExitCodes.PASSED);
        assertThat(out.toString()).contains("HTTP 201", "HTTP 200");
        assertThat(storedRuns()).isEqualTo(1);
    }

    @Test
    void shouldNotRetryOrSpoolARefusalAndNeverShowTheToken() throws Exception {
        URI front = flakyFront(0);
        String wrong = "sgt_0123456789abcdef_" + "A".repeat(43);

        int refused = publish(Map.of("STRESSGATE_TOKEN", wrong), runDirectory().toString(), "--server", front.toString(),
                "--job", "shop", "--build", "9", "--spool", dir.resolve("spool").toString());
        int noToken = publish(Map.of(), runDirectory().toString(), "--server", front.toString(), "--job", "shop", "--build", "9");

        assertThat(refused).isEqualTo(ExitCodes.FAILED);
        assertThat(keys).hasSize(1);
        assertThat(err.toString()).contains("refused with HTTP 401", "they stay in");
        assertThat(dir.resolve("spool")).doesNotExist();
        assertThat(noToken).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("set the environment variable STRESSGATE_TOKEN");
        assertThat(out.toString() + err.toString()).doesNotContain(wrong);
    }
}
