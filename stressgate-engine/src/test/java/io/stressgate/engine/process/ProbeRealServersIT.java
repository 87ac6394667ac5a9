package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP probe against the servers users run, each started on a free loopback port: Uvicorn (which answers 400 to
 * the HTTP/2 upgrade the JDK client offers by default), Gunicorn, nginx and the JDK's own server. The Python
 * servers come from Debian's packages, so they run under /usr/bin/python3.
 */
class ProbeRealServersIT {
    private static final Path APPS = Path.of("src/test/resources/probe").toAbsolutePath();
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopServers() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldSeeUvicornUpAndDownOverPlainHttp11() throws Exception {
        int port = Ports.free();
        Process uvicorn = children.start(List.of(PYTHON, "-m", "uvicorn", "--app-dir", APPS.toString(), "health_asgi:app",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "2"), Map.of());

        assertUpAndDown(uvicorn, port);
    }

    @Test
    void shouldSeeGunicornUpAndDown() throws Exception {
        int port = Ports.free();
        Process gunicorn = children.start(List.of(PYTHON, "-m", "gunicorn", "--chdir", APPS.toString(), "--bind",
                "127.0.0.1:" + port, "--workers", "2", "health_wsgi:app"), Map.of());

        assertUpAndDown(gunicorn, port);
    }

    @Test
    void shouldSeeNginxUpAndDown() throws Exception {
        int port = Ports.free();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), nginxConfig(port));
        Process nginx = children.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g",
                "daemon off;"), Map.of());

        assertUpAndDown(nginx, port);
    }

    @Test
    void shouldSeeTheJdkServerUpAndDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", e -> {
            e.sendResponseHeaders(e.getRequestURI().getPath().equals("/ok") ? 200 : 503, -1);
            e.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(new Probe.Http(URI.create(base + "/ok")).check(Duration.ofSeconds(5))).isTrue();
            assertThat(new Probe.Http(URI.create(base + "/down")).check(Duration.ofSeconds(5))).isFalse();
        } finally {
            server.stop(0);
        }
    }

    /** Waits for the port, then: the probe holds on /ok (200) and not on /down (503), and readiness awaits it. */
    private static void assertUpAndDown(Process server, int port) throws InterruptedException {
        boolean listening = Children.await(() -> !server.isAlive() || Probe.tcp("127.0.0.1:" + port).check(Duration.ofMillis(500)),
                STARTUP);
        assertThat(server.isAlive() && listening).as("the server listens on port %d", port).isTrue();
        String base = "http://127.0.0.1:" + port;

        var ready = Probe.await(new Probe.Http(URI.create(base + "/ok")), Duration.ofSeconds(10), Duration.ofMillis(100), () -> true);

        assertThat(ready).as("the probe of %s/ok holds", base).isPresent();
        assertThat(new Probe.Http(URI.create(base + "/down")).check(Duration.ofSeconds(5))).isFalse();
    }

    private String nginxConfig(int port) {
        String d = dir.toString();
        return String.join("\n", "master_process off;", "pid " + d + "/nginx.pid;", "error_log " + d + "/error.log;",
                "events { worker_connections 64; }", "http {", "  access_log off;",
                "  client_body_temp_path " + d + "/body;", "  proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi;", "  uwsgi_temp_path " + d + "/uwsgi;", "  scgi_temp_path " + d + "/scgi;",
                "  server {", "    listen 127.0.0.1:" + port + ";", "    location = /ok { return 200 \"ok\\n\"; }",
                "    location / { return 503; }", "  }", "}", "");
    }
}
