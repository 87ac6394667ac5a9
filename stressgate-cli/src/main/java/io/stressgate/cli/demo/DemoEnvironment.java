package io.stressgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo scenario needs from this machine: this JVM's java binary and class path (to start the demo API
 * and workers), a redis-server (the one shipped in the embedded-redis artifact from Maven Central, else the
 * system's), and two free loopback ports.
 */
public record DemoEnvironment(String java, String classpath, String redisServer, int redisPort, int apiPort) {
    private static final String BUNDLED_REDIS = "redis-server-6.2.6-v5-linux-amd64";

    /** Finds or prepares everything; {@code cache} holds the extracted redis-server between runs. */
    public static DemoEnvironment prepare(Path cache) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new DemoEnvironment(java, System.getProperty("java.class.path"), redis(cache), freePort(), freePort());
    }

    /** The variables demo.yml expects. */
    public Map<String, String> variables() {
        return Map.of("JAVA", java, "CLASSPATH", classpath, "REDIS_SERVER", redisServer,
                "REDIS_PORT", Integer.toString(redisPort), "API_PORT", Integer.toString(apiPort));
    }

    private static String redis(Path cache) throws IOException {
        boolean linuxAmd64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxAmd64) {
            try (InputStream in = DemoEnvironment.class.getResourceAsStream("/" + BUNDLED_REDIS)) {
                if (in != null) {
                    return extract(in, cache.resolve(BUNDLED_REDIS));
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("no redis-server for this platform: the bundled one is for linux-amd64; install redis-server");
    }

    private static String extract(InputStream in, Path target) throws IOException {
        if (!Files.isExecutable(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "redis-server", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
