package io.stressgate.cli.stacks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Debian's redis-server on a free loopback port, with an append-only file in a folder of its own, as the seeds'
 * stacks ran it; and the queue's own counters read back from it. The test owns every Redis process: the one it
 * started and, after a chaos restore, the daemon the scenario started again (found by its pid file), both stopped by
 * pid in {@link #close()}.
 */
public final class StackRedis implements AutoCloseable {
    public static final Path SERVER = Path.of("/usr/bin/redis-server");
    public static final Path CLI = Path.of("/usr/bin/redis-cli");
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    private final Path dir;
    private final int port;
    private final Process process;

    private StackRedis(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static StackRedis start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Process p = new ProcessBuilder(SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "yes")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        StackRedis redis = new StackRedis(dir, port, p);
        redis.awaitReady();
        return redis;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port, 5_000);
    }

    /** Keys matching a pattern, by SCAN (never KEYS on a server in use). */
    public List<String> keys(String pattern) {
        try (Jedis j = client()) {
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            for (int i = 0; i < 100_000; i++) {
                var page = j.scan(cursor, new redis.clients.jedis.params.ScanParams().match(pattern).count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
                if (cursor.equals("0")) {
                    break;
                }
            }
            return keys;
        }
    }

    /** The pid of the daemon a chaos restore started, from the pid file the scenario names. */
    public Optional<Long> restoredPid() throws IOException {
        Path pidFile = dir.resolve("redis-restored.pid");
        return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        for (int i = 0; i < 1_000 && System.nanoTime() < deadline && process.isAlive(); i++) {
            try (Jedis j = client()) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (JedisConnectionException e) {
                Thread.sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server on port " + port + " was not ready within " + READY_WITHIN + ": "
                + Files.readString(dir.resolve("redis.log")));
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(process.toHandle());
        restoredPid().flatMap(ProcessHandle::of)
                .filter(h -> h.info().command().orElse("").contains("redis"))
                .ifPresent(handles::add);
        handles.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : handles) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
