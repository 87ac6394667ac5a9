package io.stressgate.server;

import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.server.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the service without the CLI, for tests that need it in a JVM of its own (crash tests) and for embedding:
 * {@code --data DIR} or {@code --db URL}, {@code --port N} (0 picks one), {@code --host H}, {@code --rate 20/s} uploads
 * per token, and {@code --port-file F}, where the chosen port is written once the service listens.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path data = options.containsKey("--data") ? Path.of(options.get("--data")) : null;
        StoreConfig store = options.containsKey("--db") ? StoreConfig.jdbc(options.get("--db"), data) : StoreConfig.sqlite(data);
        Path backups = (data != null ? data : Path.of(".")).resolve("backups");
        ServerConfig config = ServerConfig.defaults(options.getOrDefault("--host", "127.0.0.1"),
                (int) Quantities.count(options.getOrDefault("--port", "0")), store, backups);
        if (options.containsKey("--rate")) {
            Rate rate = Quantities.rate(options.get("--rate"));
            config = config.withWriteRate(rate, (int) Math.min(Integer.MAX_VALUE, Math.max(1, rate.perSecond() * 2)));
        }
        StressGateServer server = StressGateServer.start(config, Clock.systemUTC());
        server.stopOnShutdown();
        if (options.containsKey("--port-file")) {
            Path file = Path.of(options.get("--port-file"));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(server.port()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
