package io.stressgate.engine.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A check that something is up: a TCP port accepts a connection, an HTTP URL answers 2xx, a command exits 0, or a
 * log file gains a line matching a pattern. Used for service readiness and for recovery after a chaos action.
 */
public sealed interface Probe permits Probe.Tcp, Probe.Http, Probe.Command, Probe.LogLine {
    /** One attempt, returning within about {@code limit}: true when the thing is up. */
    boolean check(Duration limit);

    /** What is probed, for messages. */
    String describe();

    /**
     * Checks every {@code interval} until the probe holds, {@code timeout} passes or {@code keepWaiting} says there
     * is no point (the process being waited for died). Returns how long it took, or empty.
     */
    static Optional<Duration> await(Probe probe, Duration timeout, Duration interval, BooleanSupplier keepWaiting)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long attempts = 0;
        long maxAttempts = timeout.toNanos() / Math.max(1, interval.toNanos()) + 2;
        while (attempts++ < maxAttempts && keepWaiting.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            Duration limit = Duration.ofNanos(Math.max(1_000_000, Math.min(remaining, Math.max(interval.toNanos(), 1_000_000_000L))));
            if (probe.check(limit)) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() + interval.toNanos() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(Math.max(1, interval.toMillis()));
        }
        return Optional.empty();
    }

    /** Reads {@code host:port}, IPv6 hosts in brackets. */
    static Tcp tcp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("\"" + hostPort + "\" is not host:port");
        }
        String host = hostPort.substring(0, colon);
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return new Tcp(host, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + hostPort + "\" has no port number", e);
        }
    }

    /** A TCP port accepting connections. */
    record Tcp(String host, int port) implements Probe {
        @Override
        public boolean check(Duration limit) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, limit.toMillis()));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "tcp " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** An HTTP URL answering 2xx to GET; redirects are not followed. */
    record Http(URI uri, HttpClient client) implements Probe {
        public Http(URI uri) {
            this(uri, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());
        }

        @Override
        public boolean check(Duration limit) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(limit).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() >= 200 && response.statusCode() < 300;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public String describe() {
            return "http " + uri;
        }
    }

    /** A command (an argument array) exiting 0. */
    record Command(List<String> argv, CommandRunner runner) implements Probe {
        @Override
        public boolean check(Duration limit) {
            return runner.run(argv, limit, Map.of(), Set.of()).succeeded();
        }

        @Override
        public String describe() {
            return "command " + argv;
        }
    }

    /** A line matching {@code pattern} written to {@code file} after {@code fromOffset}. */
    final class LogLine implements Probe {
        private static final int MAX_READ = 1 << 20;
        private final Path file;
        private final Pattern pattern;
        private long offset;
        private String partial = "";

        public LogLine(Path file, Pattern pattern, long fromOffset) {
            this.file = file;
            this.pattern = pattern;
            this.offset = fromOffset;
        }

        @Override
        public synchronized boolean check(Duration limit) {
            byte[] fresh = readFrom();
            offset += fresh.length;
            String text = partial + new String(fresh, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            partial = lastNewline < 0 ? text : text.substring(lastNewline + 1);
            String complete = lastNewline < 0 ? "" : text.substring(0, lastNewline);
            if (partial.length() > MAX_READ) {
                partial = "";
            }
            return complete.lines().anyMatch(line -> pattern.matcher(line).find()) || pattern.matcher(partial).find();
        }

        private byte[] readFrom() {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                return in.readNBytes(MAX_READ);
            } catch (IOException e) {
                return new byte[0];
            }
        }

        @Override
        public String describe() {
            return "log line /" + pattern.pattern() + "/ in " + file;
        }
    }
}
