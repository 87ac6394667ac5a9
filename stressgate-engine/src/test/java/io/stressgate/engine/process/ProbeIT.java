package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of probe says up when it is up and down when it is not, on loopback. */
class ProbeIT {
    @TempDir
    Path dir;

    @Test
    void shouldSeeATcpPortAcceptOnlyWhileSomethingListens() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertThat(Probe.tcp("127.0.0.1:" + port).check(Duration.ofSeconds(1))).isTrue();
        }
        assertThat(Probe.tcp("127.0.0.1:" + port).check(Duration.ofSeconds(1))).isFalse();
        assertThat(Probe.tcp("[::1]:" + port).describe()).isEqualTo("tcp [::1]:" + port);
    }

    @Test
    void shouldAcceptOnly2xxFromAnHttpUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", e -> {
            e.sendResponseHeaders(204, -1);
            e.close();
        });
        server.createContext("/bad", e -> {
            e.sendResponseHeaders(503, -1);
            e.close();
        });
        server.createContext("/moved", e -> {
            e.getResponseHeaders().add("Location", "/ok");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(new Probe.Http(URI.create(base + "/ok")).check(Duration.ofSeconds(2))).isTrue();
            assertThat(new Probe.Http(URI.create(base + "/bad")).check(Duration.ofSeconds(2))).isFalse();
            assertThat(new Probe.Http(URI.create(base + "/moved")).check(Duration.ofSeconds(2))).as("redirects are not followed").isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldTakeACommandsExitCode() {
        CommandRunner runner = new CommandRunner(dir);

        assertThat(new Probe.Command(List.of("true"), runner).check(Duration.ofSeconds(5))).isTrue();
        assertThat(new Probe.Command(List.of("false"), runner).check(Duration.ofSeconds(5))).isFalse();
        assertThat(new Probe.Command(List.of("sleep", "5"), runner).check(Duration.ofMillis(200))).as("too slow").isFalse();
        assertThat(new Probe.Command(List.of("no-such-program-here"), runner).check(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void shouldMatchOnlyLogLinesWrittenAfterTheStart() throws Exception {
        Path log = Files.writeString(dir.resolve("service.log"), "listening on 1\n");
        Probe.LogLine probe = new Probe.LogLine(log, Pattern.compile("^listening on \\d+$"), Files.size(log));

        assertThat(probe.check(Duration.ofMillis(10))).isFalse();
        Files.writeString(log, "starting\nlisten", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(probe.check(Duration.ofMillis(10))).isFalse();
        Files.writeString(log, "ing on 2\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(probe.check(Duration.ofMillis(10))).as("a line split across two writes").isTrue();
    }

    @Test
    void shouldWaitNoLongerThanTheTimeout() throws Exception {
        long start = System.nanoTime();

        var took = Probe.await(new Probe.Command(List.of("false"), new CommandRunner(dir)), Duration.ofMillis(300), Duration.ofMillis(50),
                () -> true);

        assertThat(took).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
