package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests in flight come back to zero on every path an exchange can end by: an answer, a refused connection, a
 * timeout, a retry on a fresh connection, an interrupt at the phase's end, a redirect hop, and an HTTP/2 request that
 * falls back to HTTP/1.1. Real servers on loopback: nginx (plain, and TLS without h2), a socket that never answers,
 * and one that drops a kept-alive connection at its second request. The count is read from the run's last interval,
 * taken after the event loops stopped.
 */
class InFlightIT {
    private static LoopbackNginx nginx;

    @BeforeAll
    static void startNginx(@TempDir Path dir) throws Exception {
        nginx = LoopbackNginx.start(dir);
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void shouldEndWithNothingInFlightAfterAnsweredRequests() throws Exception {
        RunResults r = run(plain(), "", "executor: constant-arrival-rate, rate: 2000/s, duration: 2s, maxInFlight: 200",
                "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isGreaterThan(3_000);
        assertThat(r.all().errors()).isZero();
        assertThat(lastInFlight(r)).isZero();
    }

    @Test
    void shouldEndWithNothingInFlightAfterRefusedConnections() throws Exception {
        RunResults r = run(TestTarget.refusingUrl(), "", "executor: constant-arrival-rate, rate: 500/s, duration: 1s, maxInFlight: 50",
                "request: {path: /}");

        assertThat(r.all().errorKinds()).as(r.statusReason()).containsKey("connection_refused");
        assertThat(r.all().errors()).isEqualTo(r.all().requests()).isGreaterThan(300);
        assertThat(lastInFlight(r)).isZero();
    }

    @Test
    void shouldEndWithNothingInFlightAfterTimeouts() throws Exception {
        try (Silent silent = new Silent(false)) {
            RunResults r = run(silent.url(), "", "executor: constant-arrival-rate, rate: 50/s, duration: 1s, maxInFlight: 100",
                    "request: {path: /, timeout: 200ms}");

            assertThat(r.all().timeouts()).as(r.statusReason()).isEqualTo(r.all().requests()).isGreaterThan(30);
            assertThat(lastInFlight(r)).isZero();
        }
    }

    @Test
    void shouldEndWithNothingInFlightAfterRetriesOnFreshConnections() throws Exception {
        try (Silent dropping = new Silent(true)) {
            RunResults r = run(dropping.url(), "", "executor: constant-vus, vus: 2, duration: 1s", "request: {path: /}");

            assertThat(r.all().requests()).as(r.statusReason()).isGreaterThan(20);
            assertThat(r.all().errors()).as("every second request met a dropped connection and was sent again").isZero();
            assertThat((long) dropping.connections()).as("connections, one per retry").isGreaterThan(r.all().requests() / 3);
            assertThat(lastInFlight(r)).isZero();
        }
    }

    @Test
    void shouldEndWithNothingInFlightAfterInterruptingRequestsAtThePhasesEnd() throws Exception {
        try (Silent silent = new Silent(false)) {
            RunResults r = run(silent.url(), "gracefulStop: 0s", "executor: constant-vus, vus: 8, duration: 1s",
                    "request: {path: /, timeout: 30s}");

            assertThat(r.phases().get(0).interrupted()).as(r.statusReason()).isEqualTo(8);
            assertThat(lastInFlight(r)).isZero();
        }
    }

    @Test
    void shouldEndWithNothingInFlightAfterRedirectHops() throws Exception {
        RunResults r = run(plain(), "", "executor: constant-arrival-rate, rate: 500/s, duration: 1s, maxInFlight: 100",
                "request: {path: /hop}");

        assertThat(r.all().redirects()).as(r.statusReason()).isEqualTo(2 * r.all().requests()).isGreaterThan(300);
        assertThat(r.all().errors()).isZero();
        assertThat(lastInFlight(r)).isZero();
    }

    @Test
    void shouldEndWithNothingInFlightAfterHttp2FellBackToHttp11() throws Exception {
        RunResults r = run(nginx.tlsUrl(), "tlsVerify: false, http: 2, http2Fallback: true",
                "executor: burst, count: 40", "request: {path: /}");

        assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(40);
        assertThat(r.all().errors()).isZero();
        assertThat(lastInFlight(r)).isZero();
    }

    private static long lastInFlight(RunResults r) {
        List<IntervalPoint> points = r.timeSeries().all();
        assertThat(points).as("the run's intervals").isNotEmpty();
        return points.get(points.size() - 1).inFlight();
    }

    private static String plain() {
        return nginx.plainUrl();
    }

    private static RunResults run(String target, String options, String executor, String flow) throws Exception {
        String yaml = """
                name: in-flight
                target: %s
                options: {warmup: false, %s}
                load: [{name: root, %s, %s}]
                """.formatted(target, options, executor, flow);
        var scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("in-flight.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), 2)).start(scenario, LoadListener.NONE).await();
    }

    /**
     * A loopback socket server that never answers, or ({@code dropSecond}) answers the first request of each
     * connection and closes it, with no word, when the second arrives: a kept-alive connection the server dropped.
     */
    private static final class Silent implements AutoCloseable {
        private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final ServerSocket server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor;
        private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

        Silent(boolean dropSecond) throws IOException {
            acceptor = new Thread(() -> accept(dropSecond), "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept(boolean dropSecond) {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    held.add(s);
                    if (dropSecond) {
                        Thread t = new Thread(() -> answerOnce(s), "silent-connection");
                        t.setDaemon(true);
                        t.start();
                    }
                } catch (IOException closed) {
                    return; // the server socket was closed by close()
                }
            }
        }

        private static void answerOnce(Socket s) {
            try (s) {
                var in = s.getInputStream();
                readHead(in);
                s.getOutputStream().write(OK);
                s.getOutputStream().flush();
                readHead(in);
            } catch (IOException e) {
                // the client closed first: nothing more to answer
            }
        }

        /** Reads up to the blank line that ends a request head (a GET has no body); bounded by the stream's end. */
        private static void readHead(java.io.InputStream in) throws IOException {
            int state = 0;
            int b;
            while (state < 4 && (b = in.read()) >= 0) {
                state = b == (state % 2 == 0 ? '\r' : '\n') ? state + 1 : b == '\r' ? 1 : 0;
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int connections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
