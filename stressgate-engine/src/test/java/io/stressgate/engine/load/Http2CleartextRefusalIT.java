package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http: 2} against http origins that speak only HTTP/1.1: the JDK's own HttpServer and Uvicorn (Debian's
 * python3-uvicorn), both on loopback. Each answers the h2c preface with an HTTP/1.1 status line; the run counts every
 * request as {@code h2_refused} and says so in one log line, or, with {@code http2Fallback: true}, sends every
 * request as HTTP/1.1, which the server's own count confirms. A server that closes the connection before any frame
 * refuses h2c too.
 */
class Http2CleartextRefusalIT {
    private static final String REFUSAL = "does not speak HTTP/2 in clear text (h2c, prior knowledge)";
    static final int COUNT = 40;
    private static HttpServer jdk;
    private static final AtomicInteger jdkGets = new AtomicInteger();
    private static LoopbackUvicorn uvicorn;
    private static ServerSocket closer;
    private static Thread closing;

    @BeforeAll
    static void startServers(@TempDir Path tmp) throws Exception {
        jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        jdk.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("GET")) {
                    jdkGets.incrementAndGet();
                }
                TestTarget.reply(exchange, 200, "hello");
            }
        });
        jdk.start();
        closer = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        closing = new Thread(Http2CleartextRefusalIT::closeEachConnectionAfterThePreface, "closer");
        closing.setDaemon(true);
        closing.start();
        uvicorn = LoopbackUvicorn.plain(tmp.resolve("uvicorn.out"));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (jdk != null) {
            jdk.stop(0);
        }
        if (closer != null) {
            closer.close();
            closing.join(5_000);
        }
        if (uvicorn != null) {
            uvicorn.close();
        }
    }

    @BeforeEach
    void resetCount() {
        jdkGets.set(0);
    }

    @Test
    void shouldCountEveryRequestAsH2RefusedAndSayWhyOnceWhenTheOriginSpeaksOnlyHttp11() throws Exception {
        String target = "http://127.0.0.1:" + jdk.getAddress().getPort();

        LoggedRun run = run(target, "http: 2", 2);

        RunResults r = run.results();
        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(COUNT);
        assertThat(r.all().errorKinds()).containsOnly(Map.entry("h2_refused", (long) COUNT));
        assertThat(r.verdict()).as("the error-rate gate breaks").isEqualTo(Verdict.FAILED);
        assertThat(jdkGets).as("no request reached the server's handler").hasValue(0);
        assertThat(run.lines(REFUSAL)).as("one line for the origin, from two event loops").singleElement()
                .satisfies(l -> assertThat(l).contains("WARN", target, "it answered \"HTTP/1.1 ", "h2_refused",
                        "http: 1.1", "https", "http2Fallback: true"));
    }

    @Test
    void shouldSendEveryRequestAsHttp11WhenTheScenarioAllowsTheFallback() throws Exception {
        String target = "http://127.0.0.1:" + jdk.getAddress().getPort();

        LoggedRun run = run(target, "http: 2, maxStreams: 4, http2Fallback: true", 2); // 10 connections refused at once

        RunResults r = run.results();
        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(COUNT);
        assertThat(r.all().errors()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(jdkGets).as("the server answered each request once, as HTTP/1.1").hasValue(COUNT);
        assertThat(run.lines(REFUSAL)).singleElement()
                .satisfies(l -> assertThat(l).contains("INFO", target, "its requests go as HTTP/1.1 (http2Fallback: true)"));
    }

    @Test
    void shouldCountASilentCloseBeforeAnyFrameAsH2Refused() throws Exception {
        String target = "http://127.0.0.1:" + closer.getLocalPort();

        LoggedRun run = run(target, "http: 2", 1);

        assertThat(run.results().all().requests()).as(run.results().statusReason()).isEqualTo(COUNT);
        assertThat(run.results().all().errorKinds()).containsOnly(Map.entry("h2_refused", (long) COUNT));
        assertThat(run.lines(REFUSAL)).singleElement().satisfies(l -> assertThat(l).contains(target,
                "to the HTTP/2 preface it closed the connection before any frame"));
    }

    @Test
    void shouldTellUvicornsAnswerAndFallBackToHttp11WithIt() throws Exception {
        String target = "http://127.0.0.1:" + uvicorn.port;

        LoggedRun refused = run(target, "http: 2", 1);
        int before = uvicornCount();
        LoggedRun fallback = run(target, "http: 2, http2Fallback: true", 1);

        assertThat(refused.results().all().errorKinds()).containsOnly(Map.entry("h2_refused", (long) COUNT));
        assertThat(refused.lines(REFUSAL)).singleElement().satisfies(l -> assertThat(l).contains("HTTP/1.1 "));
        assertThat(before).as("uvicorn's app saw no GET from the refused run").isZero();
        assertThat(fallback.results().all().errors()).as(fallback.results().statusReason()).isZero();
        assertThat(uvicornCount() - before).as("uvicorn's own count").isEqualTo(COUNT);
    }

    /** The closer's loop: reads each connection's preface line and closes it without a word, until closed. */
    private static void closeEachConnectionAfterThePreface() {
        for (int i = 0; i < 10_000 && !closer.isClosed(); i++) {
            try (Socket s = closer.accept()) {
                s.setSoTimeout(2_000);
                s.getInputStream().readNBytes(24); // the magic line; what follows stays unread
                s.shutdownOutput();
            } catch (IOException e) {
                if (closer.isClosed()) {
                    return; // the test is over
                }
                System.err.println("closer: " + e); // a client that went first: the next one is served as usual
            }
        }
    }

    private static int uvicornCount() throws Exception {
        HttpResponse<String> count = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uvicorn.port + "/count"))
                        .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(count.body().trim());
    }

    /**
     * Runs a burst of {@link #COUNT} GETs to {@code target} on {@code threads} event loops with these HTTP options and
     * an error-rate gate, keeping what it logged.
     */
    static LoggedRun run(String target, String http, int threads) throws Exception {
        String yaml = """
                name: h2-refused
                target: %s
                options: {warmup: false, %s}
                load: [{name: root, executor: burst, count: %d, request: {path: /hello}}]
                gates: ["http.error_rate < 1%%"]
                """.formatted(target, http, COUNT);
        return LoggedRun.of(new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse("h2.yml", yaml, Path.of(".")), threads);
    }
}
