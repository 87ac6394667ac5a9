package io.stressgate.engine.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis on a free loopback port for tests: the redis-server binary shipped in the embedded-redis artifact
 * from Maven Central, or, where that has none for this platform, {@code redis-server} from the PATH (said loudly).
 * No persistence. The test owns the process: {@link #kill()} sends SIGKILL to its pid, {@link #close()} stops it.
 */
public final class TestRedis implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    private final File binary;
    private final Path dir;
    private final int port;
    private Process process;

    private TestRedis(File binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    public static TestRedis start() throws IOException, InterruptedException {
        TestRedis redis = new TestRedis(binary(), Files.createTempDirectory("stressgate-redis"), freePort());
        redis.launch();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public long pid() {
        return process.pid();
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port, 2_000);
    }

    /** The server's major version, e.g. 6 or 7. */
    public int majorVersion() {
        try (Jedis j = client()) {
            String info = j.info("server");
            int at = info.indexOf("redis_version:") + "redis_version:".length();
            return Integer.parseInt(info.substring(at, info.indexOf('.', at)));
        }
    }

    /** SIGKILL, as a chaos step would, and waits until the process is gone. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        boolean ended;
        try {
            ended = process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server pid " + process.pid(), e);
        }
        if (!ended) {
            throw new IllegalStateException("redis-server pid " + process.pid() + " survived SIGKILL for 10 s");
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            kill();
        }
        File[] left = dir.toFile().listFiles();
        if (left != null) {
            for (File f : left) {
                Files.deleteIfExists(f.toPath());
            }
        }
        Files.deleteIfExists(dir);
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = List.of(binary.getAbsolutePath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; log: "
                        + Files.readString(dir.resolve("redis.log")));
            }
            try (Jedis j = client()) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (JedisConnectionException e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        kill();
        throw new IllegalStateException("redis-server on port " + port + " did not answer within " + READY_WITHIN);
    }

    private static File binary() throws IOException {
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            if (shipped.canExecute() || shipped.setExecutable(true)) {
                return shipped;
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded-redis ships no redis-server for this platform (" + e
                    + "); falling back to redis-server on the PATH");
        }
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dirName, "redis-server");
            if (candidate.canExecute()) {
                System.err.println("using " + candidate + " for tests");
                return candidate;
            }
        }
        throw new IOException("no redis-server: embedded-redis has none for this platform and none is on the PATH");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
