package io.stressgate.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL from the embedded binaries on a free loopback port, with durable commits ({@code fsync} and
 * {@code synchronous_commit} on; the library turns the latter off by default), stopped by {@link #close()}.
 */
public final class Postgres implements AutoCloseable {
    private final Path dataDir;
    private EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private Postgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static Postgres start() throws IOException {
        return new Postgres(durable(EmbeddedPostgres.builder()).start(), null);
    }

    /** A server whose data stays in {@code dataDir}, so it can be stopped and started again like a real one. */
    public static Postgres start(Path dataDir) throws IOException {
        return new Postgres(durable(EmbeddedPostgres.builder()).setDataDirectory(dataDir).setCleanDataDirectory(false).start(), dataDir);
    }

    private static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1");
    }

    /** Stops the server (fast shutdown: connections are cut, as in an outage); its data stays. */
    public void stop() throws IOException {
        server.close();
    }

    /** Starts it again on the same port and data. */
    public void restart() throws IOException {
        if (dataDir == null) {
            throw new IllegalStateException("only a server with its own data directory can be restarted");
        }
        server = durable(EmbeddedPostgres.builder()).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPort(server.getPort()).start();
    }

    /** A JDBC URL of a new, empty database. */
    public String freshDatabase() throws SQLException {
        String name = "sg_" + databases.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
