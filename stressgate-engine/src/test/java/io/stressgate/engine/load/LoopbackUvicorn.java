package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testsupport.Children;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Uvicorn (Debian's python3-uvicorn under /usr/bin/python3) on loopback serving the counting app of
 * {@code src/test/resources/h2c}, over http or, given a certificate and key, https; stopped by its pid. It speaks
 * HTTP/1.1 only, as our users' stacks do.
 */
final class LoopbackUvicorn implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path APPS = Path.of("src", "test", "resources", "h2c").toAbsolutePath();
    private static final long STARTUP_MILLIS = 20_000;
    private final Process uvicorn;
    final int port;

    private LoopbackUvicorn(Path output, List<String> tls) throws IOException, InterruptedException {
        port = Ports.free();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-m", "uvicorn", "--app-dir", APPS.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--log-level", "error"));
        command.addAll(tls);
        command.add("counting_app:app");
        uvicorn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(Children.await(() -> !uvicorn.isAlive() || Ports.listening(port), Duration.ofMillis(STARTUP_MILLIS))
                && uvicorn.isAlive()).as("uvicorn listens on %d within %d ms (see %s)", port, STARTUP_MILLIS, output).isTrue();
    }

    /** Uvicorn over http, its output in {@code output}; returns once it accepts. */
    static LoopbackUvicorn plain(Path output) throws IOException, InterruptedException {
        return new LoopbackUvicorn(output, List.of());
    }

    /** Uvicorn over https with this certificate chain and key (PEM), its output in {@code output}. */
    static LoopbackUvicorn tls(Path output, Path chainPem, Path keyPem) throws IOException, InterruptedException {
        return new LoopbackUvicorn(output, List.of("--ssl-certfile", chainPem.toString(), "--ssl-keyfile", keyPem.toString()));
    }

    @Override
    public void close() throws InterruptedException {
        Children.stop(uvicorn);
    }
}
