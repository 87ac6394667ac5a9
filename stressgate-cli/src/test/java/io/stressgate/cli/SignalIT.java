package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY L2 and K6 with real parts: a {@code stressgate run} in its own JVM, whose chaos action has stopped a real
 * redis-server, is signalled with TERM while requests hang in flight. Once: Redis is restored at once and the run
 * exits within the documented bound. Twice: it exits without waiting for the requests, but never before Redis is back.
 */
class SignalIT {
    /** README: the first signal restores at once; this covers the restore command and the probe on a busy machine. */
    private static final Duration RESTORED_WITHIN = Duration.ofSeconds(2);
    /** README: in-flight requests get at most 2 s; the rest (reports, services) stays under 3 s. */
    private static final Duration EXIT_AFTER_ONE_SIGNAL_WITHIN = Duration.ofSeconds(5);
    /** README: after a second signal the run exits as soon as the restores are done, without the 2 s in-flight grace. */
    private static final Duration EXIT_AFTER_TWO_SIGNALS_WITHIN = Duration.ofMillis(1_900);

    @TempDir
    Path dir;

    private CliRunner cli;
    private HttpServer target;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private Process redis;
    private int redisPort;
    private final String cookie = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir);
        cli.trackCookie(cookie);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        target.setExecutor(handlers);
        target.createContext("/", exchange -> {
            try {
                Thread.sleep(20_000); // requests stay in flight past any grace
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        target.start();
        redisPort = freePort();
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        assertThat(CliRunner.await(this::redisAnswers, Duration.ofSeconds(15))).as("redis-server started").isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
        target.stop(0);
        handlers.shutdownNow();
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Path pidFile = dir.resolve("restored.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(h -> h.destroyForcibly());
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** PING over a plain socket: true when the server answers PONG. */
    private boolean redisAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort), 200);
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private Process startRun() throws Exception {
        String port = Integer.toString(redisPort);
        Path scenario = Files.writeString(dir.resolve("s.yml"), "name: signals\ntarget: http://127.0.0.1:"
                + target.getAddress().getPort() + "\n"
                + "load: [{name: hang, executor: constant-arrival-rate, rate: 20/s, duration: 120s, request: {path: /}}]\n"
                + "chaos:\n  - {name: redis-down, at: 500ms, action: stop, command: [redis-cli, -p, \"" + port + "\", shutdown, nosave],\n"
                + "     restore: [redis-server, --port, \"" + port + "\", --bind, 127.0.0.1, --daemonize, \"yes\", --pidfile, \""
                + dir.resolve("restored.pid") + "\", --dir, \"" + dir + "\", --save, \"\", --appendonly, \"no\"],\n"
                + "     recover: {tcp: \"127.0.0.1:" + port + "\", timeout: 10s}}\n"
                + "gates: [\"http.errors == 0\"]\n");
        Process run = cli.start(CliRunner.command("run", scenario.toString(), "--out", "out", "--progress", "none"),
                Map.of(RunExecution.COOKIE_VARIABLE, cookie, "XDG_STATE_HOME", dir.resolve("state").toString()));
        assertThat(CliRunner.await(() -> !redisAnswers(), Duration.ofSeconds(30))).as("the chaos action stopped Redis").isTrue();
        Thread.sleep(1_000); // requests pile up in flight
        return run;
    }

    /** Nanoseconds from {@code since} until the condition holds, or -1 after 30 s. */
    private static long until(java.util.function.BooleanSupplier condition, long since) throws InterruptedException {
        for (int i = 0; i < 3_000; i++) {
            if (condition.getAsBoolean()) {
                return System.nanoTime() - since;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    @Test
    void shouldRestoreRedisAtOnceAndExitWithinTheBoundOnOneSignal() throws Exception {
        Process run = startRun();

        long signalled = System.nanoTime();
        run.destroy(); // SIGTERM
        long restored = until(this::redisAnswers, signalled);
        long exited = until(() -> !run.isAlive(), signalled);

        System.out.printf("one TERM: Redis answered %d ms and the run exited %d ms after the signal%n", restored / 1_000_000,
                exited / 1_000_000);
        assertThat(restored).as("Redis restored").isBetween(0L, RESTORED_WITHIN.toNanos());
        assertThat(exited).as("time to exit").isBetween(0L, EXIT_AFTER_ONE_SIGNAL_WITHIN.toNanos());
        assertThat(run.exitValue()).isEqualTo(ExitCodes.FAILED);
        var results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(results.get("status").asText()).isEqualTo("INTERRUPTED");
        assertThat(results.get("statusReason").asText()).contains("SIGTERM");
        assertThat(results.get("chaos").get(0).get("message").asText()).contains("restored");
    }

    @Test
    void shouldExitWithoutWaitingForRequestsButNeverBeforeTheRestoreOnASecondSignal() throws Exception {
        Process run = startRun();

        long signalled = System.nanoTime();
        run.destroy();
        Thread.sleep(100);
        long second = System.nanoTime();
        run.destroy();
        long exited = until(() -> !run.isAlive(), second);
        boolean upAtExit = redisAnswers();

        System.out.printf("TERM twice: the run exited %d ms after the second signal (%d ms after the first); Redis up at exit: %s%n",
                exited / 1_000_000, (System.nanoTime() - signalled) / 1_000_000, upAtExit);
        assertThat(upAtExit).as("Redis is back when the run has exited").isTrue();
        assertThat(exited).as("time to exit after the second signal").isBetween(0L, EXIT_AFTER_TWO_SIGNALS_WITHIN.toNanos());
        assertThat(run.exitValue()).isEqualTo(Signals.EXIT_ON_SECOND_SIGNAL);
        assertThat(List.of("RUNNING", "INTERRUPTED")).as("never a verdict from the killed run")
                .contains(new ObjectMapper().readTree(dir.resolve("out/results.json").toFile()).get("status").asText());
    }
}
