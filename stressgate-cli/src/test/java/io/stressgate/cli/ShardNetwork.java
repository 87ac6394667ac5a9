package io.stressgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for shard processes, made by the test and removed by it: namespace i is joined to the host by
 * a veth pair with the TEST-NET-1 addresses 192.0.2.(4i+1) (host side, where nginx listens) and 192.0.2.(4i+2)
 * (inside). These addresses exist only on the test's own veth pairs. Without root or a working {@code ip}, shards
 * run as plain local processes against 127.0.0.1.
 */
final class ShardNetwork implements AutoCloseable {
    private final String prefix = "sg" + UUID.randomUUID().toString().substring(0, 6);
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hostLinks = new ArrayList<>();
    private final boolean isolated;

    ShardNetwork(int shards) throws Exception {
        isolated = available();
        if (isolated) {
            for (int i = 1; i <= shards; i++) {
                create(i);
            }
        }
    }

    boolean isolated() {
        return isolated;
    }

    /** The address nginx serves shard {@code i} on. */
    String hostAddress(int i) {
        return isolated ? "192.0.2." + (4 * i + 1) : "127.0.0.1";
    }

    /** Addresses nginx must listen on. */
    List<String> listenAddresses(int shards) {
        List<String> all = new ArrayList<>(List.of("127.0.0.1"));
        for (int i = 1; isolated && i <= shards; i++) {
            all.add(hostAddress(i));
        }
        return all;
    }

    /** The command that runs {@code argv} inside shard {@code i}'s namespace (or as it is). */
    List<String> inside(int i, List<String> argv) {
        if (!isolated) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespaces.get(i - 1)));
        wrapped.addAll(argv);
        return wrapped;
    }

    private static boolean available() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        return ip(List.of("ip", "netns", "list"), false);
    }

    private void create(int i) throws Exception {
        String ns = prefix + "-" + i;
        String host = prefix + "h" + i;
        String peer = prefix + "n" + i;
        ip(List.of("ip", "netns", "add", ns), true);
        namespaces.add(ns);
        ip(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", peer), true);
        hostLinks.add(host);
        ip(List.of("ip", "link", "set", peer, "netns", ns), true);
        ip(List.of("ip", "addr", "add", hostAddress(i) + "/30", "dev", host), true);
        ip(List.of("ip", "link", "set", host, "up"), true);
        ip(List.of("ip", "-n", ns, "addr", "add", "192.0.2." + (4 * i + 2) + "/30", "dev", peer), true);
        ip(List.of("ip", "-n", ns, "link", "set", peer, "up"), true);
        ip(List.of("ip", "-n", ns, "link", "set", "lo", "up"), true);
    }

    private static boolean ip(List<String> argv, boolean required) throws Exception {
        Path log = Files.createTempFile("ip", ".log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv + " did not end within 10 s");
            }
            if (p.exitValue() != 0 && required) {
                throw new IOException(argv + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            if (required) {
                throw e;
            }
            return false;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() throws Exception {
        for (String link : hostLinks) {
            ip(List.of("ip", "link", "del", link), false);
        }
        for (String ns : namespaces) {
            ip(List.of("ip", "netns", "del", ns), false);
        }
    }
}
