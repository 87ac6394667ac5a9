package io.stressgate.server.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the store lives: a PostgreSQL JDBC URL, or (when that is null) an SQLite file {@value #SQLITE_FILE} in the
 * data directory; how many connections read, and how long a request waits for a connection before the service
 * answers 503.
 */
public record StoreConfig(String jdbcUrl, Path dataDir, int readConnections, Duration connectionTimeout) {
    public static final String SQLITE_FILE = "stressgate.db";

    public StoreConfig {
        if (jdbcUrl == null && dataDir == null) {
            throw new IllegalArgumentException("the store needs a data directory or a JDBC URL");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("unsupported JDBC URL " + Database.redact(jdbcUrl)
                    + "; use jdbc:postgresql://host/db or jdbc:sqlite:/path/file.db");
        }
        if (readConnections < 1) {
            throw new IllegalArgumentException("at least one read connection is needed, not " + readConnections);
        }
    }

    /** SQLite in the data directory, four readers, three seconds to wait for a connection. */
    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig(null, dataDir, 4, Duration.ofSeconds(3));
    }

    public static StoreConfig jdbc(String url, Path dataDir) {
        return new StoreConfig(url, dataDir, 8, Duration.ofSeconds(3));
    }
}
