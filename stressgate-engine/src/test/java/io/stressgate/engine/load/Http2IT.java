package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a real nginx on loopback: h2 over TLS (a certificate made by openssl for the test), h2c with prior
 * knowledge on a plain listener, and a TLS listener without http2 for the ALPN refusal. nginx logs every request
 * with its connection number and the request's number on that connection, so the test sees how the generator
 * multiplexed its streams and that each request it counted reached nginx once.
 */
class Http2IT {
    private static final long STARTUP_MILLIS = 10_000;
    private static Path dir;
    private static Process nginx;
    private static int h2Port;
    private static int h2cPort;
    private static int h1Port;
    private static int fewStreamsPort;
    private static HttpServer backend;

    @BeforeAll
    static void startNginx(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Http2ClientIT.TlsCertificate.make(dir);
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        backend.createContext("/slow", exchange -> {
            try (exchange) {
                Thread.sleep(3_000); // longer than the request timeout of the test that calls it
                TestTarget.reply(exchange, 200, "late");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        backend.createContext("/", exchange -> {
            try (exchange) {
                byte[] got = exchange.getRequestBody().readAllBytes();
                TestTarget.reply(exchange, 200, "got " + got.length + " sha256 " + sha256(got));
            }
        });
        backend.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8)); // /slow must not hold up /up
        backend.start();
        h2Port = Ports.free();
        h2cPort = Ports.free();
        h1Port = Ports.free();
        fewStreamsPort = Ports.free();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), config());
        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        for (int port : new int[] {h2Port, h2cPort, h1Port, fewStreamsPort}) {
            awaitListening(port);
        }
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (backend != null) {
            backend.stop(0);
            ((java.util.concurrent.ExecutorService) backend.getExecutor()).shutdownNow();
        }
        if (nginx != null) {
            ProcessHandle.of(nginx.pid()).ifPresent(ProcessHandle::destroy);
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                ProcessHandle.of(nginx.pid()).ifPresent(ProcessHandle::destroyForcibly);
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeEach
    void emptyTheAccessLog() throws IOException {
        Files.write(dir.resolve("access.log"), new byte[0]); // nginx keeps appending to the same (truncated) file
    }

    @Test
    void shouldMultiplexRequestsOverTlsUpToMaxStreamsPerConnection() throws Exception {
        RunResults r = run("https://127.0.0.1:" + h2Port, "http: 2, maxStreams: 40", 120, "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(120);
        assertThat(r.all().errors()).isZero();
        assertThat(r.all().status()).containsOnlyKeys("200");
        List<LogLine> log = accessLog();
        assertThat(log).hasSize(120).allMatch(l -> l.protocol.equals("HTTP/2.0"));
        Map<String, Long> perConnection = log.stream().collect(Collectors.groupingBy(l -> l.connection, Collectors.counting()));
        assertThat(perConnection).hasSize(3);
        assertThat(perConnection.values()).containsOnly(40L);
        assertThat(log.stream().mapToInt(l -> l.connectionRequests).max().orElse(0)).isEqualTo(40);
    }

    @Test
    void shouldSpeakH2cWithPriorKnowledgeToAPlainListener() throws Exception {
        RunResults r = run("http://127.0.0.1:" + h2cPort, "http: 2, maxStreams: 100", 50, "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(50);
        assertThat(r.all().errors()).isZero();
        List<LogLine> log = accessLog();
        assertThat(log).hasSize(50).allMatch(l -> l.protocol.equals("HTTP/2.0"));
        assertThat(log.stream().map(l -> l.connection).distinct()).hasSize(1);
    }

    @Test
    void shouldKeepToTheServersConcurrentStreamLimitBelowMaxStreams() throws Exception {
        RunResults r = run("https://127.0.0.1:" + fewStreamsPort, "http: 2, maxStreams: 100", 60, "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(60);
        assertThat(r.all().errorKinds()).as("no stream refused for going over the server's limit of 4").isEmpty();
        List<LogLine> log = accessLog();
        assertThat(log).hasSize(60).allMatch(l -> l.protocol.equals("HTTP/2.0"));
        assertThat(log.stream().map(l -> l.connection).distinct()).hasSize(1);
    }

    @Test
    void shouldCheckAndExtractOverHttp2AsOverHttp1() throws Exception {
        String flow = "requests: [{name: create, method: POST, path: /json, json: {a: 1}, extract: {id: /id}, checks: ["
                + "{name: has-id, json: /id}, {name: tagged, header: X-Tag, equals: h2}, {name: says-no, bodyContains: nope}]},"
                + " {name: fetch, path: \"/echo/{{id}}\"}]";
        RunResults r = run("https://127.0.0.1:" + h2Port, "http: 2", 10, flow);

        assertThat(r.load().get("create").requests()).as(r.statusReason()).isEqualTo(10);
        assertThat(r.load().get("fetch").requests()).isEqualTo(10);
        assertThat(r.all().errors()).isZero();
        Map<String, CheckSummary> checks = r.checks().stream().collect(Collectors.toMap(CheckSummary::name, Function.identity()));
        assertThat(checks.get("has-id").passes()).isEqualTo(10);
        assertThat(checks.get("tagged").passes()).isEqualTo(10);
        assertThat(checks.get("says-no").fails()).isEqualTo(10);
        List<LogLine> log = accessLog();
        assertThat(log).filteredOn(l -> l.uri.equals("/echo/abc-1")).hasSize(10).allMatch(l -> l.protocol.equals("HTTP/2.0"));
        assertThat(log).filteredOn(l -> l.uri.equals("/json")).hasSize(10).allMatch(l -> l.method.equals("POST"));
    }

    @Test
    void shouldSendBodiesLargerThanTheServersWindowWithinItsFlowControl() throws Exception {
        byte[] upload = new byte[300_000];
        new java.util.Random(14).nextBytes(upload);
        Files.write(dir.resolve("upload.bin"), upload);
        String yaml = """
                name: h2-upload
                target: https://127.0.0.1:%d
                options: {tlsVerify: false, warmup: false, http: 2, maxStreams: 4}
                load: [{name: up, executor: burst, count: 8, request: {method: POST, path: /up, bodyFile: upload.bin,
                        checks: [{name: all-there, bodyContains: "got 300000 sha256 %s"}]}}]
                """.formatted(h2Port, sha256(upload));
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("up.yml", yaml, dir);
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 1)).start(scenario, LoadListener.NONE).await();

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(8);
        assertThat(r.all().errors()).isZero();
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.passes()).isEqualTo(8));
        assertThat(accessLog()).hasSize(8).allMatch(l -> l.protocol.equals("HTTP/2.0") && l.uri.equals("/up"));
    }

    @Test
    void shouldCancelAStreamPastItsTimeoutAndKeepTheConnectionForTheOthers() throws Exception {
        String flow = "requests: [{name: fast, path: /}, {name: slow, path: /slow, timeout: 500ms}, {name: after, path: /}]";
        RunResults r = run("https://127.0.0.1:" + h2Port, "http: 2", 4, flow);

        assertThat(r.load().get("fast").requests()).as(r.statusReason()).isEqualTo(4);
        assertThat(r.load().get("slow").errorKinds()).containsOnly(Map.entry("timeout", 4L));
        assertThat(r.load().get("after").requests()).as("a failed request ends its iteration").isZero();
        List<LogLine> log = accessLog();
        assertThat(log).filteredOn(l -> l.uri.equals("/slow")).hasSize(4)
                .allMatch(l -> l.status == 499, "nginx saw the client cancel the stream (499)");
        assertThat(log.stream().map(l -> l.connection).distinct()).as("the reset streams did not cost the connection").hasSize(1);
    }

    @Test
    void shouldCountEveryRequestAsH2RefusedAndSayWhyOnceWhenTheOriginRefusesH2InAlpn() throws Exception {
        String target = "https://127.0.0.1:" + h1Port;

        // one stream per connection: five connections, each refused in its own handshake
        LoggedRun run = LoggedRun.of(scenario(target, "http: 2, maxStreams: 1", 5, "request: {path: /}"), 1);

        RunResults r = run.results();
        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(5);
        assertThat(r.all().errorKinds()).containsOnly(Map.entry("h2_refused", 5L));
        assertThat(accessLog()).isEmpty();
        assertThat(run.lines("in ALPN")).as("one line for the origin, not one per connection").singleElement()
                .satisfies(l -> assertThat(l).contains("WARN", target, "chose http/1.1 instead of h2", "h2_refused"));
    }

    @Test
    void shouldFallBackToHttp11WhenTheOriginRefusesH2AndTheScenarioAllowsIt() throws Exception {
        RunResults r = run("https://127.0.0.1:" + h1Port, "http: 2, http2Fallback: true", 5, "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(5);
        assertThat(r.all().errors()).isZero();
        assertThat(accessLog()).hasSize(5).allMatch(l -> l.protocol.equals("HTTP/1.1"));
    }

    /** Runs one burst of {@code count} iterations of {@code flow} on one event loop with these HTTP options. */
    private static RunResults run(String target, String http, int count, String flow) throws Exception {
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 1))
                .start(scenario(target, http, count, flow), LoadListener.NONE).await();
    }

    /** One burst of {@code count} iterations of {@code flow} with these HTTP options. */
    private static Scenario scenario(String target, String http, int count, String flow) throws Exception {
        String yaml = """
                name: h2
                target: %s
                options: {tlsVerify: false, warmup: false, %s}
                load: [{name: root, executor: burst, count: %d, %s}]
                """.formatted(target, http, count, flow);
        return new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("h2.yml", yaml, Path.of("."));
    }

    private record LogLine(String connection, int connectionRequests, String protocol, int status, String method, String uri) {
    }

    private static List<LogLine> accessLog() throws IOException {
        return Files.readAllLines(dir.resolve("access.log")).stream().filter(l -> !l.isBlank()).map(l -> l.split(" "))
                .map(f -> new LogLine(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), f[4], f[5])).toList();
    }

    private static String config() {
        String d = dir.toString();
        String cert = "    ssl_certificate " + d + "/cert.pem;\n    ssl_certificate_key " + d + "/key.pem;\n";
        String locations = """
                    location = / { return 200 "hello\\n"; }
                    location = /json { default_type application/json; add_header X-Tag h2; return 200 '{"id": "abc-1"}'; }
                    location /echo/ { return 200 "echoed\\n"; }
                    location = /up { client_max_body_size 2m; proxy_pass http://127.0.0.1:BACKEND; }
                    location = /slow { proxy_pass http://127.0.0.1:BACKEND; }
                """.replace("BACKEND", Integer.toString(backend.getAddress().getPort()));
        return "master_process off;\npid " + d + "/nginx.pid;\nerror_log " + d + "/error.log;\n"
                + "events { worker_connections 512; }\nhttp {\n"
                + "  log_format conn '$connection $connection_requests $server_protocol $status $request_method $request_uri';\n"
                + "  access_log " + d + "/access.log conn;\n"
                + "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n"
                + "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n"
                + "  server {\n    listen 127.0.0.1:" + h2Port + " ssl http2;\n" + cert + locations + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + h2cPort + " http2;\n" + locations + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + h1Port + " ssl;\n" + cert + locations + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + fewStreamsPort + " ssl http2;\n    http2_max_concurrent_streams 4;\n"
                + cert + locations + "  }\n"
                + "}\n";
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_MILLIS);
        while (System.nanoTime() < deadline) {
            assertThat(nginx.isAlive()).as("nginx is running (see nginx.out)").isTrue();
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(probe.isConnected()).isTrue();
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " within " + STARTUP_MILLIS + " ms");
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
