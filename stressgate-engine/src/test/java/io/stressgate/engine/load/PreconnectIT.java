package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The open model opens its connections before the clock starts, so its first arrivals do not each open one at the
 * same instant; proved from the server's side: when each connection was accepted versus when the first request came.
 */
class PreconnectIT {
    private static final long EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    @Test
    void shouldOpenAnOpenPhasesConnectionsBeforeItsFirstArrival() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            // 2000/s wants 2000 x 5 ms = 10 connections ready; the phase starts 500 ms into the run
            RunResults r = run(server, """
                    name: paced
                    target: ${TARGET}
                    options: {threads: 2}
                    load:
                      - {name: paced, executor: constant-arrival-rate, rate: 2000/s, duration: 1s, startAfter: 500ms, request: {path: /}}
                    """);

            assertThat(r.all().requests()).isEqualTo(2000);
            assertThat(r.all().errors()).isZero();
            assertThat(r.generator().preconnected()).isEqualTo(10);
            assertThat(r.generator().connectionsOpened()).isGreaterThanOrEqualTo(10).isEqualTo(server.accepted());
            assertThat(server.acceptedWellBeforeFirstRequest()).isEqualTo(10);
        }
    }

    @Test
    void shouldLetABurstsUsersArriveCold() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            RunResults r = run(server, """
                    name: storm
                    target: ${TARGET}
                    options: {threads: 2}
                    load:
                      - {name: storm, executor: burst, count: 20, startAfter: 500ms, request: {path: /}}
                    """);

            assertThat(r.all().requests()).isEqualTo(20);
            assertThat(r.generator().preconnected()).isZero();
            assertThat(server.acceptedWellBeforeFirstRequest()).isZero();
            assertThat(server.accepted()).isEqualTo(r.generator().connectionsOpened()).isPositive();
        }
    }

    private static RunResults run(RecordingServer server, String yaml) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", server.url())), ScenarioLimits.DEFAULTS)
                .parse("it.yml", yaml, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("cookie", Path.of("target"), 2)).start(scenario, LoadListener.NONE).await();
    }

    /** A keep-alive HTTP/1.1 server, a thread per connection, that records when it accepted each and when requests began. */
    private static final class RecordingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final AtomicLong firstRequest = new AtomicLong(Long.MAX_VALUE);
        private final Thread acceptor = new Thread(this::accept, "recording-server");

        RecordingServer() throws IOException {
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int accepted() {
            return acceptedAt.size();
        }

        long acceptedWellBeforeFirstRequest() {
            long first = firstRequest.get();
            return acceptedAt.stream().filter(t -> first - t > EARLY_NANOS).count();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    acceptedAt.add(System.nanoTime());
                    connections.add(s);
                    Thread t = new Thread(() -> serve(s), "recording-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket s) {
            byte[] reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int matched = 0;
                boolean inRequest = false;
                int b;
                while ((b = in.read()) >= 0) {
                    if (!inRequest) {
                        inRequest = true;
                        long now = System.nanoTime();
                        firstRequest.accumulateAndGet(now, Math::min);
                    }
                    // a request without a body ends with an empty line
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        out.write(reply);
                        out.flush();
                        matched = 0;
                        inRequest = false;
                    }
                }
            } catch (IOException e) {
                // the client closed the connection
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5_000);
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
