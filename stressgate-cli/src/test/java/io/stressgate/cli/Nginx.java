package io.stressgate.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real nginx in the foreground (daemon off), configured in a temporary directory, logging every request. */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private final Process process;
    private final Path accessLog;
    private final int port;

    private Nginx(Process process, Path accessLog, int port) {
        this.process = process;
        this.accessLog = accessLog;
        this.port = port;
    }

    static Nginx start(Path dir, List<String> addresses) throws Exception {
        return start(dir, addresses, "");
    }

    /** As {@link #start(Path, List)}, with nginx {@code location} blocks placed before the one answering 200 "ok". */
    static Nginx start(Path dir, List<String> addresses, String locations) throws Exception {
        int port = freePort();
        Path accessLog = dir.resolve("access.log");
        StringBuilder listen = new StringBuilder();
        addresses.forEach(a -> listen.append("    listen ").append(a).append(':').append(port).append(";\n"));
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  keepalive_requests 1000000;
                  server {
                %2$s    %3$s
                    location / { return 200 "ok\\n"; }
                  }
                }
                """.formatted(dir, listen, locations);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", file.toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(p, accessLog, port);
        if (!CliRunner.await(() -> accepts(port) || !p.isAlive(), java.time.Duration.ofSeconds(20)) || !p.isAlive()) {
            nginx.close();
            throw new IOException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"), StandardCharsets.UTF_8));
        }
        return nginx;
    }

    int port() {
        return port;
    }

    long requestsLogged() throws IOException {
        try (var lines = Files.lines(accessLog, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    List<String> accessLog() throws IOException {
        return Files.readAllLines(accessLog, StandardCharsets.UTF_8);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The master first, with TERM: it stops its workers and respawns none. Killing the workers first let the
        // master start a new one before it died itself, which outlived the test (seen once in a clean-clone run).
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
