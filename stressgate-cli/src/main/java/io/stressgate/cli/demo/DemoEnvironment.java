package io.stressgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo and example scenarios need from this machine: this JVM's java binary and class path (to start the
 * stand-in APIs, workers and balancer), a redis-server (the one shipped in the embedded-redis artifact from Maven
 * Central, else the system's), distinct free loopback ports, and a data directory for Redis to persist into.
 */
public record DemoEnvironment(String java, String classpath, String redisServer, Map<String, Integer> ports, Path dataDir) {
    /** The port variables every scenario run by {@code stressgate demo} may use. */
    public static final List<String> PORTS = List.of("REDIS_PORT", "API_PORT", "API_PORT_1", "API_PORT_2", "API_PORT_3",
            "LB_PORT", "CONTROL_PORT");
    private static final String BUNDLED_REDIS = "redis-server-6.2.6-v5-linux-amd64";

    public DemoEnvironment {
        ports = Map.copyOf(ports);
    }

    /**
     * Finds or prepares everything; {@code cache} holds the extracted redis-server between runs, {@code dataDir} is
     * where a scenario's Redis may keep its append-only file (the caller creates and removes it).
     */
    public static DemoEnvironment prepare(Path cache, Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new DemoEnvironment(java, System.getProperty("java.class.path"), redis(cache), freePorts(), dataDir);
    }

    /**
     * The variables the scenarios expect. {@code DEMO_CLASSPATH} repeats {@code CLASSPATH} under a name the
     * {@code stressTest} step accepts (it refuses {@code CLASSPATH}, which would change how its own JVM runs).
     */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("JAVA", java);
        vars.put("CLASSPATH", classpath);
        vars.put("DEMO_CLASSPATH", classpath);
        vars.put("REDIS_SERVER", redisServer);
        vars.put("DATA_DIR", dataDir.toAbsolutePath().toString());
        PORTS.forEach(name -> vars.put(name, Integer.toString(ports.get(name))));
        return vars;
    }

    /**
     * Prints {@code NAME=value} for every variable, or only the values of the names given, one per line, so a
     * Jenkinsfile can hand the same values to {@code stressTest}: {@code java -cp stressgate.jar
     * io.stressgate.cli.demo.DemoEnvironment REDIS_SERVER}. The data directory printed is only a suggestion.
     */
    public static void main(String[] args) throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "stressgate");
        Map<String, String> vars = prepare(cache, cache.resolve("data")).variables();
        PrintStream out = System.out;
        if (args.length == 0) {
            vars.forEach((name, value) -> out.println(name + "=" + value));
            return;
        }
        for (String name : args) {
            if (!vars.containsKey(name)) {
                System.err.println("no variable " + name + " (known: " + String.join(", ", vars.keySet()) + ")");
                System.exit(2);
            }
            out.println(vars.get(name));
        }
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

    /** Holds every socket open until all are chosen, so no two variables get the same port. */
    private static Map<String, Integer> freePorts() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : PORTS) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.put(name, s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
