package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.testing.Ports;
import io.stressgate.engine.testsupport.Children;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on loopback for the load tests, stopped by its pid: a plain listener and a TLS one without h2 (a
 * certificate made by openssl for the test), each answering 200 on {@code /} and redirecting {@code /hop} twice.
 */
final class LoopbackNginx implements AutoCloseable {
    private static final long STARTUP_MILLIS = 10_000;
    private final Process nginx;
    final int plainPort;
    final int tlsPort;

    private LoopbackNginx(Path dir) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(openssl.exitValue()).as("openssl made the test certificate").isZero();
        plainPort = Ports.free();
        tlsPort = Ports.free();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), config(dir.toString()));
        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        awaitListening(plainPort);
        awaitListening(tlsPort);
    }

    /** Starts nginx with its files in {@code dir}; returns once both listeners accept. */
    static LoopbackNginx start(Path dir) throws IOException, InterruptedException {
        return new LoopbackNginx(dir);
    }

    String plainUrl() {
        return "http://127.0.0.1:" + plainPort;
    }

    String tlsUrl() {
        return "https://127.0.0.1:" + tlsPort;
    }

    @Override
    public void close() throws InterruptedException {
        Children.stop(nginx);
    }

    private String config(String d) {
        String locations = """
                    location = / { return 200 "hello\\n"; }
                    location = /hop { return 302 /hop2; }
                    location = /hop2 { return 302 /; }
                """;
        return "master_process off;\npid " + d + "/nginx.pid;\nerror_log " + d + "/error.log;\n"
                + "events { worker_connections 4096; }\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n"
                + "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n"
                + "  server {\n    listen 127.0.0.1:" + plainPort + " backlog=4096;\n" + locations + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + tlsPort + " ssl backlog=4096;\n    ssl_certificate " + d + "/cert.pem;\n"
                + "    ssl_certificate_key " + d + "/key.pem;\n" + locations + "  }\n}\n";
    }

    private void awaitListening(int port) throws InterruptedException {
        assertThat(Children.await(() -> !nginx.isAlive() || Ports.listening(port), Duration.ofMillis(STARTUP_MILLIS))
                && nginx.isAlive()).as("nginx listens on %d within %d ms (see nginx.out)", port, STARTUP_MILLIS).isTrue();
    }
}
