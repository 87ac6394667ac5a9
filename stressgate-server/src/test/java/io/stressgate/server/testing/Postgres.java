package io.stressgate.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL from the embedded binaries on a free loopback port, with durable commits ({@code fsync} and
 * {@code synchronous_commit} on; the library turns the latter off by default), stopped by {@link #close()}.
 */
public final class Postgres implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static Postgres start() throws IOException {
        return new Postgres(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start());
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
