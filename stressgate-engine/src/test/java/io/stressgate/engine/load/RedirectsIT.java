package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.GateResult;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects followed by the load client against real servers on loopback: two nginx servers, spoken to over HTTP/1.1
 * and over HTTP/2 (h2c) in turn (a 302, a chain with a relative Location, a loop, a hop to the second server that
 * options.allowedOrigins names, dropping the credentials, and one to an origin it does not, an ftp Location, POST after
 * 302 and 307), whose access logs say which requests really arrived and in which protocol, and a small server of the
 * test's own for what nginx does not send (no Location, a garbled one, 303 after POST, 307 after a streamed body,
 * slow hops).
 */
class RedirectsIT {
    private static final int PER_PHASE = 5;

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopServers() throws InterruptedException {
        children.close();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2.0"})
    void shouldFollowNginxRedirectsWithinTheOriginAndToTheAllowedOneCountingHopsAndRefusingLoopsAndOtherOrigins(String protocol)
            throws Exception {
        boolean h2 = protocol.equals("HTTP/2.0");
        int a = Ports.free();
        int b = Ports.free();
        int unnamed = Ports.free();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), nginxConfig(a, b, unnamed, h2 ? " http2" : ""));
        Process nginx = children.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g",
                "daemon off;"), Map.of());
        assertThat(Children.await(() -> !nginx.isAlive() || Ports.listening(a) && Ports.listening(b), Duration.ofSeconds(20)) && nginx.isAlive())
                .as("nginx listens on %d and %d", a, b).isTrue();

        RunResults r = run(Map.of("A", "http://127.0.0.1:" + a, "B", "http://127.0.0.1:" + b), """
                options: {allowedOrigins: ["${B}"]%s}
                load:
                """.formatted(h2 ? ", http: 2" : "") + phase("one", "path: /start") + phase("chain", "path: /c1") + phase("loop", "path: /loop")
                + phase("short", "path: /loop, redirects: 3") + phase("cross", "path: /cross, headers: {Authorization: Bearer secret}")
                + phase("elsewhere", "path: /elsewhere") + phase("ftp", "path: /ftp") + phase("off", "path: /start0, redirects: 0, expect: [302]")
                + phase("post302", "method: POST, path: /post302, body: hello, checks: [{name: became-get, bodyContains: 'GET:;'}]")
                + phase("post307", "method: POST, path: /post307, body: hello, checks: [{name: kept-post, bodyContains: 'POST:5;'}]")
                + """
                gates:
                  - "http{name=chain}.redirects == 10"
                  - "http{name=loop}.redirects == 50"
                  - "http{name=off}.redirects == 0"
                """);
        Map<String, Long> arrived = Files.readAllLines(dir.resolve("access.log")).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(summary(r, "one")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(summary(r, "chain")).isEqualTo("status {200=5} errors {} redirects 10");
        assertThat(summary(r, "loop")).isEqualTo("status {302=5} errors {too_many_redirects=5} redirects 50");
        assertThat(summary(r, "short")).isEqualTo("status {302=5} errors {too_many_redirects=5} redirects 15");
        assertThat(summary(r, "cross")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(summary(r, "elsewhere")).isEqualTo("status {302=5} errors {redirect_not_allowed=5} redirects 0");
        assertThat(summary(r, "ftp")).isEqualTo("status {302=5} errors {redirect_invalid=5} redirects 0");
        assertThat(summary(r, "off")).isEqualTo("status {302=5} errors {} redirects 0");
        assertThat(summary(r, "post302")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(summary(r, "post307")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.passes() + "/" + c.fails()).as(c.name()).isEqualTo("5/0"));
        assertThat(r.gates()).extracting(GateResult::expression, GateResult::passed).contains(
                org.assertj.core.groups.Tuple.tuple("http{name=chain}.redirects == 10", true),
                org.assertj.core.groups.Tuple.tuple("http{name=loop}.redirects == 50", true),
                org.assertj.core.groups.Tuple.tuple("http{name=off}.redirects == 0", true));

        assertThat(arrived).as("what nginx's access logs saw").containsAllEntriesOf(Map.ofEntries(
                Map.entry(a + " GET /start", 5L), Map.entry(a + " GET /final", 5L),
                Map.entry(a + " GET /c1", 5L), Map.entry(a + " GET /c2", 5L), Map.entry(a + " GET /c3", 5L),
                Map.entry(a + " GET /loop", 5L * (1 + 10) + 5L * (1 + 3)),
                Map.entry(a + " GET /cross", 5L), Map.entry(b + " GET /there", 5L),
                Map.entry(a + " GET /elsewhere", 5L), Map.entry(a + " GET /ftp", 5L), Map.entry(a + " GET /start0", 5L),
                Map.entry(a + " POST /post302", 5L), Map.entry(a + " GET /echo", 5L),
                Map.entry(a + " POST /post307", 5L), Map.entry(a + " POST /echo", 5L)));
        assertThat(arrived).as("no hop of 'off', none to the origin not named").doesNotContainKeys(a + " GET /final0")
                .hasSize(15);
        List<String> seen = Files.readAllLines(dir.resolve("seen.log"));
        assertThat(seen).as("every request in " + protocol).hasSize(arrived.values().stream().mapToInt(Long::intValue).sum())
                .allMatch(l -> l.startsWith(protocol + " "));
        assertThat(seen).as("the credentials go to /cross and are dropped on the hop to the other origin, which is asked"
                        + " for compression as the request's own origin is")
                .filteredOn(l -> l.contains("/cross") || l.contains("/there"))
                .containsOnly(protocol + " /cross Bearer secret|gzip, deflate", protocol + " /there -|gzip, deflate").hasSize(10);
    }

    @Test
    void shouldCountUnusableLocationsAsInvalidTurnPostIntoGetAfter303AndTimeTheWholeChain() throws Exception {
        Queue<String> landed = new ConcurrentLinkedQueue<>();
        RunResults r;
        try (TestTarget target = TestTarget.start(exchange -> answer(exchange, landed), 8)) {
            r = run(Map.of("A", target.url(), "B", target.url()), """
                    load:
                    """ + phase("nolocation", "path: /nolocation") + phase("garbled", "path: /garbled")
                    + phase("ftp", "path: /ftp") + phase("see-other", "method: POST, path: /form/see-other, body: hello")
                    + phase("upload", "method: POST, path: /form/upload, bodySize: 2MB")
                    + phase("slow", "path: /slow/first"));
        }

        assertThat(summary(r, "nolocation")).isEqualTo("status {302=5} errors {redirect_invalid=5} redirects 0");
        assertThat(summary(r, "garbled")).isEqualTo("status {302=5} errors {redirect_invalid=5} redirects 0");
        assertThat(summary(r, "ftp")).isEqualTo("status {302=5} errors {redirect_invalid=5} redirects 0");
        assertThat(summary(r, "see-other")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(summary(r, "upload")).as("a streamed body is not sent again")
                .isEqualTo("status {307=5} errors {redirect_invalid=5} redirects 0");
        assertThat(summary(r, "slow")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(landed).as("the relative Location 'landing' of /form/see-other, asked with GET and no body")
                .containsOnly("GET /form/landing 0").hasSize(5);
        assertThat(r.load().get("slow").latencyMs().min()).as("the latency of a request spans both slow hops")
                .isGreaterThanOrEqualTo(2 * SLOW_HOP_MS);
    }

    @Test
    void shouldKeepCredentialsOnASameOriginHopAndDropThemWhenTheHopLeavesForAnAllowedOrigin() throws Exception {
        Queue<String> landed = new ConcurrentLinkedQueue<>();
        RunResults r;
        try (TestTarget other = TestTarget.start(exchange -> land(exchange, "other", landed), 4);
             TestTarget own = TestTarget.start(exchange -> {
                 String path = exchange.getRequestURI().getPath();
                 if (path.equals("/same")) {
                     redirect(exchange, 302, "/landing");
                 } else if (path.equals("/leave")) {
                     redirect(exchange, 302, other.url() + "/landing");
                 } else {
                     land(exchange, "own", landed);
                 }
             }, 4)) {
            r = run(Map.of("A", own.url(), "B", other.url()), """
                    options: {allowedOrigins: ["${B}"]}
                    load:
                    """ + phase("same", "path: /same, headers: {Authorization: Bearer secret, X-Trace: t1}")
                    + phase("leave", "path: /leave, headers: {Authorization: Bearer secret, X-Trace: t1}"));
        }

        assertThat(summary(r, "same")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(summary(r, "leave")).isEqualTo("status {200=5} errors {} redirects 5");
        assertThat(landed).containsOnly("own Bearer secret t1", "other null t1").hasSize(10);
    }

    private static void land(HttpExchange exchange, String server, Queue<String> landed) throws IOException {
        landed.add(server + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRequestHeaders().getFirst("X-Trace"));
        TestTarget.reply(exchange, 200, "landed");
    }

    private static final long SLOW_HOP_MS = 150;

    private static void answer(HttpExchange exchange, Queue<String> landed) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/nolocation" -> TestTarget.reply(exchange, 302, "");
            case "/garbled" -> redirect(exchange, 302, "http://[::1");
            case "/ftp" -> redirect(exchange, 302, "ftp://127.0.0.1/file");
            case "/form/see-other" -> redirect(exchange, 303, "landing");
            case "/form/upload" -> {
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream()); // all of it, then answer
                redirect(exchange, 307, "/form/landing");
            }
            case "/form/landing" -> {
                landed.add(exchange.getRequestMethod() + " " + path + " " + exchange.getRequestBody().readAllBytes().length);
                TestTarget.reply(exchange, 200, "landed");
            }
            case "/slow/first" -> {
                TestTarget.sleep(SLOW_HOP_MS);
                redirect(exchange, 302, "/slow/second");
            }
            case "/slow/second" -> {
                TestTarget.sleep(SLOW_HOP_MS);
                TestTarget.reply(exchange, 200, "done");
            }
            default -> TestTarget.reply(exchange, 404, "no " + path);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        TestTarget.reply(exchange, status, "");
    }

    private static String phase(String name, String request) {
        return "  - {name: " + name + ", executor: burst, count: " + PER_PHASE + ", request: {name: " + name + ", " + request + "}}\n";
    }

    private RunResults run(Map<String, String> urls, String rest) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(urls), ScenarioLimits.DEFAULTS).parse("redirects.yml",
                "name: redirects\ntarget: ${A}\n" + rest, Path.of("."));
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("redirects", Files.createDirectories(dir.resolve("out")), 1))
                .start(scenario, LoadListener.NONE).await();
        assertThat(r.status()).as("the run: %s", r.statusReason()).isEqualTo(io.stressgate.engine.result.RunStatus.COMPLETED);
        return r;
    }

    private static String summary(RunResults r, String name) {
        LoadSummary s = r.load().get(name);
        return "status " + s.status() + " errors " + s.errorKinds() + " redirects " + s.redirects();
    }

    /** {@code listen} follows each port: " http2" makes both servers speak h2c (prior knowledge) only. */
    private String nginxConfig(int a, int b, int unnamed, String listen) {
        String d = dir.toString();
        return String.join("\n", "master_process off;", "pid " + d + "/nginx.pid;", "error_log " + d + "/error.log;",
                "events { worker_connections 256; }", "http {",
                "  log_format hops '$server_port $request_method $uri';", "  access_log " + d + "/access.log hops;",
                "  log_format seen '$server_protocol $uri $http_authorization|$http_accept_encoding';", "  access_log " + d + "/seen.log seen;",
                "  client_body_temp_path " + d + "/body;", "  proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi;", "  uwsgi_temp_path " + d + "/uwsgi;", "  scgi_temp_path " + d + "/scgi;",
                "  server {", "    listen 127.0.0.1:" + a + listen + ";",
                "    location = /start { return 302 /final; }",
                "    location = /final { return 200 \"final\\n\"; }",
                "    location = /start0 { return 302 /final0; }",
                "    location = /c1 { return 302 /c2; }",
                "    location = /c2 { absolute_redirect off; return 301 /c3; }",
                "    location = /c3 { return 200 \"c3\\n\"; }",
                "    location = /loop { return 302 /loop; }",
                "    location = /cross { return 302 http://127.0.0.1:" + b + "/there; }",
                "    location = /elsewhere { return 302 http://127.0.0.1:" + unnamed + "/x; }",
                "    location = /ftp { return 302 ftp://127.0.0.1/file; }",
                "    location = /post302 { return 302 /echo; }",
                "    location = /post307 { return 307 /echo; }",
                "    location = /echo { return 200 \"$request_method:$content_length;\"; }",
                "  }",
                "  server {", "    listen 127.0.0.1:" + b + listen + ";", "    location = /there { return 200 \"there\\n\"; }", "  }",
                "}", "");
    }
}
