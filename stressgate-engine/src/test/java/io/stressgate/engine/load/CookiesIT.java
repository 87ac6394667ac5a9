package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cookies against a login server of the test's own on loopback: each login sets a new session (and cookies the jar
 * must not send: another path, Secure over http, deleted at once, another domain), and the server compares every
 * Cookie header it receives with what that user's last login set. A closed-model user keeps its jar from one
 * iteration to the next, an open-model iteration starts with none, no user ever sends another's session, and
 * {@code options.cookies: false} sends nothing.
 */
class CookiesIT {
    @TempDir
    Path dir;

    /** The login server: what each user was issued, and every Cookie header that differed from what was due. */
    static final class LoginServer {
        final boolean cookiesKept;
        final Map<String, String> issued = new ConcurrentHashMap<>();
        final List<String> wrong = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        final AtomicInteger sessions = new AtomicInteger();

        LoginServer(boolean cookiesKept) {
            this.cookiesKept = cookiesKept;
        }

        void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String who = exchange.getRequestURI().getQuery().substring("who=".length());
            String sent = exchange.getRequestHeaders().getFirst("Cookie");
            String id = issued.get(who);
            String due = !cookiesKept || id == null ? null : switch (path) {
                case "/account/orders" -> "account=" + id + "; session=" + id;
                default -> "session=" + id;
            };
            if (!Objects.equals(sent, due)) {
                wrong.add(path + " of " + who + " sent " + sent + ", due " + due);
            }
            seen.computeIfAbsent(path + (sent == null ? "" : " with cookie"), k -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/login")) {
                String session = who + "-" + sessions.incrementAndGet();
                issued.put(who, session);
                var headers = exchange.getResponseHeaders();
                headers.add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
                headers.add("Set-Cookie", "account=" + session + "; Path=/account");
                headers.add("Set-Cookie", "tls-only=1; Secure");
                headers.add("Set-Cookie", "gone=1; Max-Age=0");
                headers.add("Set-Cookie", "elsewhere=1; Domain=example.com");
            }
            TestTarget.reply(exchange, 200, "ok");
        }

        int seen(String key) {
            AtomicInteger n = seen.get(key);
            return n == null ? 0 : n.get();
        }
    }

    private RunResults run(String url, String options) throws Exception {
        return run(url, options, Files.createDirectories(dir.resolve("out")));
    }

    /** Logs users and visitors in and calls two pages as each, with {@code options} (a line of YAML, or empty). */
    static RunResults run(String url, String options, Path out) throws Exception {
        String flow = """
                    requests:
                      - {name: login, method: POST, path: "/login?who=%1$s", json: {user: "%1$s"}}
                      - {name: whoami, path: "/whoami?who=%1$s"}
                      - {name: orders, path: "/account/orders?who=%1$s"}
                """;
        var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("cookies.yml", """
                name: cookies
                target: ${TARGET}
                """ + options + """
                load:
                  - name: users
                    executor: constant-vus
                    vus: 3
                    duration: 2s
                    think: 100ms
                """ + flow.formatted("user{{vu}}") + """
                  - name: visitors
                    executor: constant-arrival-rate
                    rate: 10/s
                    duration: 1s
                """ + flow.formatted("visitor{{iteration}}") + """
                gates: ["http.errors == 0"]
                """, Path.of("."));
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("cookies", out, 1)).start(scenario, LoadListener.NONE).await();
        assertThat(r.status()).as("the run: %s", r.statusReason()).isEqualTo(RunStatus.COMPLETED);
        return r;
    }

    @Test
    void shouldSendTheCookiesALoginSetByTheSameUserOnlyAndKeepAClosedUsersJarAcrossIterations() throws Exception {
        LoginServer server = new LoginServer(true);
        RunResults r;
        try (TestTarget target = TestTarget.start(server::answer, 4)) {
            r = run(target.url(), "");
        }

        assertThat(server.wrong).as("Cookie headers that were not the sender's own due cookies").isEmpty();
        long visitors = server.issued.keySet().stream().filter(k -> k.startsWith("visitor")).count();
        assertThat(server.issued.keySet()).as("three users logged in").contains("user1", "user2", "user3").hasSize(3 + (int) visitors);
        assertThat(visitors).as("open-model iterations, more than run at once, so iterations are reused").isGreaterThan(3);
        assertThat(server.seen("/whoami with cookie")).isEqualTo((int) r.load().get("whoami").requests());
        assertThat(server.seen("/account/orders with cookie")).isEqualTo((int) r.load().get("orders").requests());
        assertThat(server.seen("/login")).as("first logins: each user's first and every visitor's").isEqualTo(3 + visitors);
        assertThat(server.seen("/login with cookie")).as("a closed-model user's later logins carry its earlier session")
                .isEqualTo(r.load().get("login").requests() - 3 - visitors).isPositive();
    }

    @Test
    void shouldSendNoCookieWhenTheScenarioTurnsThemOff() throws Exception {
        LoginServer server = new LoginServer(false);
        RunResults r;
        try (TestTarget target = TestTarget.start(server::answer, 4)) {
            r = run(target.url(), "options: {cookies: false}\n");
        }

        assertThat(server.wrong).isEmpty();
        assertThat(server.seen("/whoami")).isEqualTo((int) r.load().get("whoami").requests()).isGreaterThan(3);
        assertThat(server.seen.keySet()).noneMatch(k -> k.endsWith("with cookie"));
    }

    @Test
    void shouldSendACookieSetOnARedirectWithTheNextHop() throws Exception {
        List<String> home = new CopyOnWriteArrayList<>();
        AtomicInteger logins = new AtomicInteger();
        RunResults r;
        try (TestTarget target = TestTarget.start(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/sso")) {
                exchange.getResponseHeaders().add("Set-Cookie", "sso=" + logins.incrementAndGet() + "; Path=/");
                exchange.getResponseHeaders().set("Location", "/home");
                TestTarget.reply(exchange, 302, "");
            } else {
                home.add(String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
                TestTarget.reply(exchange, 200, "home");
            }
        }, 4)) {
            var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS).parse("sso.yml", """
                    name: sso
                    target: ${TARGET}
                    load:
                      - {name: sso, executor: burst, count: 3, request: {name: sso, path: /sso}}
                    """, Path.of("."));
            r = new StressRunner(Clock.systemUTC(), new RunSettings("cookies", Files.createDirectories(dir.resolve("sso")), 1))
                    .start(scenario, LoadListener.NONE).await();
        }

        assertThat(r.load().get("sso").redirects()).isEqualTo(3);
        assertThat(home).as("each iteration's hop carries the cookie its own 302 set")
                .containsExactlyInAnyOrder("sso=1", "sso=2", "sso=3");
    }
}
