package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import io.stressgate.engine.testsupport.Children;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed responses from real servers on loopback: nginx gzipping a large JSON file (decoded for checks, the wire
 * and decoded sizes recorded and gated, nothing compressed once compression is off), and a small server of the test's
 * own sending a gzip bomb (a few KiB inflating to far over the cap) and deflate bodies, zlib-wrapped and raw.
 */
class CompressionIT {
    static final int REQUESTS = 20;

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopServers() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldDecodeNginxGzipForChecksAndRecordWireAndDecodedBytes() throws Exception {
        long size = writeLargeJson(dir.resolve("www/big.json"));
        int port = startNginx();
        String url = "http://127.0.0.1:" + port;
        long decoded = REQUESTS * size;

        RunResults gzip = run(url, "{}", decoded, dir.resolve("gzip"));
        RunResults plain = run(url, "{compression: false}", decoded, dir.resolve("plain"));

        LoadSummary zipped = gzip.load().get("big");
        LoadSummary identity = plain.load().get("big");
        System.out.printf("CompressionIT: %d x %d bytes of JSON from nginx: gzip %d bytes received, %d decoded; without"
                + " compression %d received%n", REQUESTS, size, zipped.bytesReceived(), zipped.bytesDecoded(), identity.bytesReceived());
        assertThat(zipped.errors()).isZero();
        assertThat(gzip.checks()).singleElement().satisfies(c -> assertThat(c.passes()).isEqualTo(REQUESTS));
        assertThat(zipped.bytesDecoded()).isEqualTo(decoded);
        assertThat(zipped.bytesReceived()).as("gzip on the wire").isLessThan(decoded / 4);
        assertThat(gate(gzip, "http{name=big}.bytes_decoded").passed()).isTrue();
        assertThat(gate(gzip, "http{name=big}.bytes_received").passed()).isTrue();

        assertThat(identity.errors()).isZero();
        assertThat(identity.bytesDecoded()).isEqualTo(decoded);
        assertThat(identity.bytesReceived()).as("no Accept-Encoding: nginx sends the file as it is").isGreaterThan(decoded);
        assertThat(gate(plain, "http{name=big}.bytes_received").passed()).as("over a quarter of the decoded size").isFalse();
    }

    @Test
    void shouldEndAGzipBombAsDecodedTooLargeAndDecodeZlibAndRawDeflate() throws Exception {
        byte[] bomb = Compressed.gzip(new byte[16 * 1024 * 1024]);
        assertThat(bomb.length).as("a few KiB on the wire").isLessThan(32 * 1024);
        byte[] json = "{\"status\":\"ok\",\"pad\":\"".concat("x".repeat(5000)).concat("\"}").getBytes(StandardCharsets.UTF_8);
        Set<String> acceptEncodings = ConcurrentHashMap.newKeySet();
        RunResults r;
        try (TestTarget target = TestTarget.start(exchange -> {
            acceptEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            switch (exchange.getRequestURI().getPath()) {
                case "/bomb" -> send(exchange, "gzip", bomb);
                case "/zlib" -> send(exchange, "deflate", Compressed.deflate(json, false));
                default -> send(exchange, "deflate", Compressed.deflate(json, true));
            }
        }, 4)) {
            r = new StressRunner(Clock.systemUTC(), new RunSettings("bomb", dir, 1)).start(new ScenarioLoader(
                    Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS).parse("bomb.yml", """
                    name: bomb
                    target: ${TARGET}
                    load:
                      - name: bomb
                        executor: burst
                        count: 5
                        request: {name: bomb, path: /bomb, maxResponseSize: 1MiB}
                      - name: deflate
                        executor: burst
                        count: 5
                        requests:
                          - {name: zlib, path: /zlib, checks: [{name: zlib-ok, json: /status, equals: ok}]}
                          - {name: raw, path: /raw, checks: [{name: raw-ok, json: /status, equals: ok}]}
                    """, Path.of(".")), LoadListener.NONE).await();
        }

        assertThat(acceptEncodings).containsExactly("gzip, deflate");
        assertThat(r.load().get("bomb").errorKinds()).containsExactly(Map.entry("decoded_too_large", 5L));
        for (String name : List.of("zlib", "raw")) {
            assertThat(r.load().get(name).errors()).as(name).isZero();
            assertThat(r.load().get(name).bytesDecoded()).as(name).isEqualTo(5L * json.length);
        }
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.passes()).as(c.name()).isEqualTo(5));
    }

    /** {@value #REQUESTS} requests for the large JSON file, with gates on its decoded and received bytes. */
    static RunResults run(String url, String options, long decoded, Path out) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("gzip.yml", """
                name: gzip
                target: ${TARGET}
                options: %s
                load:
                  - name: big
                    executor: burst
                    count: %d
                    request:
                      name: big
                      path: /big.json
                      maxResponseSize: 16MiB
                      checks: [{name: last, json: /last, equals: end}]
                gates:
                  - "http{name=big}.bytes_decoded == %dB"
                  - "http{name=big}.bytes_received < %dB"
                """.formatted(options, REQUESTS, decoded, decoded / 4), Path.of("."));
        Files.createDirectories(out);
        return new StressRunner(Clock.systemUTC(), new RunSettings("gzip", out, 1)).start(scenario, LoadListener.NONE).await();
    }

    static GateResult gate(RunResults r, String prefix) {
        return r.gates().stream().filter(g -> g.expression().startsWith(prefix)).findFirst().orElseThrow();
    }

    static long writeLargeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder s = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 20_000; i++) {
            s.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i).append("\",\"tags\":[\"a\",\"b\"]},");
        }
        s.append("{}],\"last\":\"end\"}");
        Files.writeString(file, s);
        return Files.size(file);
    }

    private int startNginx() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String d = dir.toString();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), String.join("\n", "master_process off;",
                "pid " + d + "/nginx.pid;", "error_log " + d + "/error.log;", "events { worker_connections 64; }", "http {",
                "  access_log off;", "  client_body_temp_path " + d + "/body;", "  proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi;", "  uwsgi_temp_path " + d + "/uwsgi;", "  scgi_temp_path " + d + "/scgi;",
                "  default_type application/json;", "  gzip on;", "  gzip_types application/json;", "  gzip_min_length 1000;",
                "  server {", "    listen 127.0.0.1:" + port + ";", "    root " + d + "/www;", "  }", "}", ""));
        children.start(List.of("/usr/sbin/nginx", "-p", d, "-c", conf.toString(), "-g", "daemon off;"), Map.of());
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int attempt = 0; attempt < 200 && System.nanoTime() < deadline; attempt++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + ": " + Files.readString(dir.resolve("error.log")));
    }

    private static void send(HttpExchange exchange, String encoding, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Content-Encoding", encoding);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

}
