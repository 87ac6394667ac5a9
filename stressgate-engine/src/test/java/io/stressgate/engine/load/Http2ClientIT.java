package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testing.TestTarget;
import io.stressgate.engine.testsupport.Children;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client features of HTTP/1.1 over HTTP/2, against a real nginx on loopback speaking h2 (h2c with prior knowledge,
 * or over TLS): each virtual user's cookies (CookiesIT's login server behind nginx, which checks every user's Cookie
 * header), gzip decoded from nginx and a gzip bomb capped (CompressionIT's file and bomb), and h2 through the test's
 * CONNECT proxy (ProxyIT's), over TLS with ALPN inside the tunnel and as h2c. nginx logs the protocol of every request,
 * so each test sees that HTTP/2 carried it. Redirects over HTTP/2 are proved in RedirectsIT.
 */
class Http2ClientIT {
    private static final int ITERATIONS = 10;

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopServers() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldSendEachUserOnlyTheCookiesItsOwnLoginSetOverHttp2() throws Exception {
        CookiesIT.LoginServer server = new CookiesIT.LoginServer(true);
        RunResults r;
        try (TestTarget login = TestTarget.start(server::answer, 4)) {
            int port = Ports.free();
            nginx(port, "  server {\n    listen 127.0.0.1:" + port + " http2;\n    location / { proxy_pass " + login.url() + "; }\n  }\n");
            r = CookiesIT.run("http://127.0.0.1:" + port, "options: {http: 2}\n", Files.createDirectories(dir.resolve("out")));
        }

        assertThat(server.wrong).as("Cookie headers that were not the sender's own due cookies").isEmpty();
        assertThat(server.seen("/whoami with cookie")).isEqualTo((int) r.load().get("whoami").requests()).isPositive();
        assertThat(server.seen("/account/orders with cookie")).isEqualTo((int) r.load().get("orders").requests());
        assertThat(server.seen("/login with cookie")).as("a closed-model user's later logins carry its earlier session")
                .isPositive();
        assertThat(protocols()).containsOnlyKeys("HTTP/2.0");
    }

    @Test
    void shouldDecodeNginxGzipOverHttp2AndCountTheDecodedBytes() throws Exception {
        long size = CompressionIT.writeLargeJson(dir.resolve("www/big.json"));
        int port = Ports.free();
        nginx(port, "  default_type application/json;\n  gzip on;\n  gzip_types application/json;\n  gzip_min_length 1000;\n"
                + "  server {\n    listen 127.0.0.1:" + port + " http2;\n    root " + dir + "/www;\n  }\n");
        long decoded = CompressionIT.REQUESTS * size;

        RunResults gzip = CompressionIT.run("http://127.0.0.1:" + port, "{http: 2}", decoded, dir.resolve("gzip"));
        RunResults plain = CompressionIT.run("http://127.0.0.1:" + port, "{http: 2, compression: []}", decoded, dir.resolve("plain"));

        LoadSummary zipped = gzip.load().get("big");
        System.out.printf("Http2ClientIT: %d x %d bytes of JSON from nginx over h2c: gzip %d bytes received, %d decoded;"
                + " compression: [] %d received%n", CompressionIT.REQUESTS, size, zipped.bytesReceived(), zipped.bytesDecoded(),
                plain.load().get("big").bytesReceived());
        assertThat(zipped.errors()).as("errors: %s", zipped.errorKinds()).isZero();
        assertThat(gzip.checks()).singleElement().satisfies(c -> assertThat(c.passes()).isEqualTo(CompressionIT.REQUESTS));
        assertThat(zipped.bytesDecoded()).isEqualTo(decoded);
        assertThat(zipped.bytesReceived()).as("gzip on the wire").isLessThan(decoded / 4);
        assertThat(CompressionIT.gate(gzip, "http{name=big}.bytes_decoded").passed()).isTrue();
        assertThat(plain.load().get("big").bytesReceived()).as("compression: [] asks for none").isGreaterThan(decoded);
        assertThat(protocols()).containsOnly(Map.entry("HTTP/2.0", 2L * CompressionIT.REQUESTS));
    }

    @Test
    void shouldEndAGzipBombOverHttp2AsDecodedTooLarge() throws Exception {
        byte[] bomb = Compressed.gzip(new byte[16 * 1024 * 1024]);
        Set<String> acceptEncodings = ConcurrentHashMap.newKeySet();
        RunResults r;
        try (TestTarget target = TestTarget.start(exchange -> {
            acceptEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            sendGzip(exchange, bomb);
        }, 4)) {
            int port = Ports.free();
            nginx(port, "  server {\n    listen 127.0.0.1:" + port + " http2;\n    location / { proxy_pass " + target.url() + "; }\n  }\n");
            r = run("http://127.0.0.1:" + port, "http: 2", "request: {name: bomb, path: /bomb, maxResponseSize: 1MiB}");
        }

        assertThat(acceptEncodings).as("what the generator asked nginx for").containsExactly("gzip, deflate");
        assertThat(r.load().get("bomb").errorKinds()).containsExactly(Map.entry("decoded_too_large", (long) ITERATIONS));
        assertThat(r.load().get("bomb").bytesReceived()).as("a few KiB each on the wire").isLessThan(ITERATIONS * 64L * 1024);
        assertThat(protocols()).containsOnly(Map.entry("HTTP/2.0", (long) ITERATIONS));
    }

    @Test
    void shouldTunnelH2OverTlsAndH2cThroughTheProxyAndCountARefusedTunnelAsAProxyError() throws Exception {
        TlsCertificate.make(dir);
        int tls = Ports.free();
        int plain = Ports.free();
        int refused = Ports.free();
        String cert = "    ssl_certificate " + dir + "/cert.pem;\n    ssl_certificate_key " + dir + "/key.pem;\n";
        String hello = "    location / { return 200 \"hello\\n\"; }\n";
        nginx(tls, "  server {\n    listen 127.0.0.1:" + tls + " ssl http2;\n" + cert + hello + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + plain + " http2;\n" + hello + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + refused + " http2;\n" + hello + "  }\n");
        try (CountingProxy proxy = new CountingProxy()) {
            proxy.deny(refused);
            String options = "http: 2, proxy: \"" + proxy.url() + "\"";
            RunResults overTls = run("https://127.0.0.1:" + tls, options, "request: {name: tls, path: /}");
            RunResults h2c = run("http://127.0.0.1:" + plain, options, "request: {name: h2c, path: /}");
            RunResults denied = run("http://127.0.0.1:" + refused, options, "request: {name: denied, path: /}");

            assertThat(overTls.all().errors()).as("errors: %s", overTls.all().errorKinds()).isZero();
            assertThat(h2c.all().errors()).as("errors: %s", h2c.all().errorKinds()).isZero();
            assertThat(overTls.all().requests() + h2c.all().requests()).isEqualTo(2L * ITERATIONS);
            assertThat(denied.all().errorKinds()).containsOnly(Map.entry("proxy", (long) ITERATIONS));
            assertThat(proxy.authorities).containsExactlyInAnyOrder("127.0.0.1:" + tls, "127.0.0.1:" + plain,
                    "127.0.0.1:" + refused);
            assertThat(proxy.absoluteRequests.get()).as("h2c goes through a tunnel too, never in absolute form").isZero();
            assertThat(proxy.tunnels.get()).as("one connection each, its streams multiplexed").isEqualTo(2);
            assertThat(proxy.refusedTunnels.get()).isPositive();
        }
        assertThat(protocols()).containsOnly(Map.entry("HTTP/2.0", 2L * ITERATIONS));
        assertThat(Files.readAllLines(dir.resolve("access.log"))).allMatch(l -> l.endsWith(" GET / 200"));
    }

    /** Runs one burst of {@value #ITERATIONS} iterations of {@code flow} on one event loop. */
    private RunResults run(String target, String options, String flow) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("h2.yml", """
                name: h2
                target: %s
                options: {tlsVerify: false, warmup: false, %s}
                load: [{name: burst, executor: burst, count: %d, %s}]
                """.formatted(target, options, ITERATIONS, flow), Path.of("."));
        Path out = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        return new StressRunner(Clock.systemUTC(), new RunSettings("h2", out, 1)).start(scenario, LoadListener.NONE).await();
    }

    /** How many requests nginx logged in each protocol. */
    private Map<String, Long> protocols() throws IOException {
        return Files.readAllLines(dir.resolve("access.log")).stream().filter(l -> !l.isBlank())
                .collect(java.util.stream.Collectors.groupingBy(l -> l.split(" ")[0], java.util.stream.Collectors.counting()));
    }

    /** Starts nginx with these {@code http} directives and servers, and waits until it listens on {@code port}. */
    private void nginx(int port, String servers) throws Exception {
        String d = dir.toString();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), String.join("\n", "master_process off;",
                "pid " + d + "/nginx.pid;", "error_log " + d + "/error.log;", "events { worker_connections 256; }", "http {",
                "  log_format proto '$server_protocol $request_method $request_uri $status';",
                "  access_log " + d + "/access.log proto;",
                "  client_body_temp_path " + d + "/body;", "  proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi;", "  uwsgi_temp_path " + d + "/uwsgi;", "  scgi_temp_path " + d + "/scgi;",
                servers + "}", ""));
        Process nginx = children.start(List.of("/usr/sbin/nginx", "-p", d, "-c", conf.toString(), "-g", "daemon off;"), Map.of());
        assertThat(Children.await(() -> !nginx.isAlive() || Ports.listening(port), Duration.ofSeconds(20)) && nginx.isAlive())
                .as("nginx listens on %d (see error.log)", port).isTrue();
    }

    private static void sendGzip(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The openssl-made certificate for 127.0.0.1 and localhost that Http2IT's nginx uses too. */
    static final class TlsCertificate {
        private TlsCertificate() {
        }

        /** Writes cert.pem and key.pem into {@code dir}. */
        static void make(Path dir) throws Exception {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
            assertThat(openssl.exitValue()).as("openssl made the test certificate").isZero();
        }
    }
}
