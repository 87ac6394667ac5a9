package io.stressgate.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pools of the store. SQLite runs in WAL mode with {@code synchronous=FULL}, so a commit is on disk
 * (the WAL is fsynced) before it returns and an acknowledged run survives a crash or power loss; its writes go through
 * a pool of one connection, since SQLite has one writer anyway and queueing in the pool beats failing with
 * SQLITE_BUSY. PostgreSQL shares one pool and relies on the server's {@code fsync=on} (its default).
 */
public final class Database implements AutoCloseable {
    /** The SQL flavour, for the few statements that differ. */
    public enum Dialect { SQLITE, POSTGRES }

    private final Dialect dialect;
    private final Path sqliteFile;
    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private static final long FULL_BELOW_BYTES = 1 << 20;
    private volatile String writeProblem;

    private Database(Dialect dialect, Path sqliteFile, HikariDataSource writer, HikariDataSource reader) {
        this.dialect = dialect;
        this.sqliteFile = sqliteFile;
        this.writer = writer;
        this.reader = reader;
    }

    public static Database open(StoreConfig config) {
        try {
            if (config.jdbcUrl() != null && config.jdbcUrl().startsWith("jdbc:postgresql:")) {
                HikariDataSource pool = pool("stressgate-pg", config.readConnections() + 2, config, c -> c.setJdbcUrl(config.jdbcUrl()));
                return new Database(Dialect.POSTGRES, null, pool, pool);
            }
            Path file = config.jdbcUrl() != null ? Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()))
                    : config.dataDir().resolve(StoreConfig.SQLITE_FILE);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            HikariDataSource writer = pool("stressgate-sqlite-write", 1, config, c -> c.setDataSource(sqlite(file)));
            HikariDataSource reader = pool("stressgate-sqlite-read", config.readConnections(), config,
                    c -> c.setDataSource(sqlite(file)));
            return new Database(Dialect.SQLITE, file, writer, reader);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory for " + config.dataDir(), e);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store " + (config.jdbcUrl() != null ? redact(config.jdbcUrl())
                    : config.dataDir()) + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    private static HikariDataSource pool(String name, int size, StoreConfig store, java.util.function.Consumer<HikariConfig> target) {
        HikariConfig c = new HikariConfig();
        target.accept(c);
        c.setPoolName(name);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(size, 2));
        c.setConnectionTimeout(Math.max(250, store.connectionTimeout().toMillis()));
        c.setValidationTimeout(Math.max(250, Math.min(2_000, store.connectionTimeout().toMillis())));
        c.setInitializationFailTimeout(-1);
        c.setAutoCommit(true);
        return new HikariDataSource(c);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The SQLite file, or null on PostgreSQL. */
    public Path sqliteFile() {
        return sqliteFile;
    }

    /** Connections that write (one for SQLite). */
    public DataSource writer() {
        return writer;
    }

    public DataSource reader() {
        return reader;
    }

    /**
     * Runs the work in one write transaction and remembers whether the disk was full: a write refused for want of
     * space marks the store degraded until a write succeeds again. Other failures (a duplicate token name, a store
     * that is down) say nothing about the disk and leave the mark alone.
     */
    <T> T write(String what, Jdbc.Work<T> work) {
        try {
            T result = Jdbc.transaction(writer, what, work);
            writeProblem = null;
            return result;
        } catch (StoreException e) {
            StoreException known = e instanceof StoreFullException ? e : fullDisk(e);
            if (known instanceof StoreFullException) {
                writeProblem = known.getMessage();
            }
            throw known;
        }
    }

    /**
     * SQLite does not always say a write failed for want of space (a COMMIT that could not grow the WAL comes back as
     * "no transaction is active"), so a failed write on a disk with under {@value #FULL_BELOW_BYTES} bytes free counts
     * as a full disk.
     */
    private StoreException fullDisk(StoreException e) {
        if (sqliteFile == null) {
            return e;
        }
        try {
            long free = Files.getFileStore(sqliteFile).getUsableSpace();
            return free < FULL_BELOW_BYTES ? new StoreFullException(e.getMessage() + "; the store's disk is full (" + free
                    + " bytes free)", e) : e;
        } catch (IOException io) {
            e.addSuppressed(io);
            return e;
        }
    }

    /** Why the last write failed for want of space, when one did and none has succeeded since; else empty. */
    public Optional<String> writeProblem() {
        return Optional.ofNullable(writeProblem);
    }

    /** Whether the store answers a trivial query now. */
    public boolean healthy() {
        try (Connection c = reader.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Writes a consistent copy of the SQLite store to a new file while the service keeps serving: {@code VACUUM INTO}
     * reads one snapshot (WAL lets writers go on) and the copy holds every run committed before it started.
     */
    public void backupTo(Path target) {
        if (dialect != Dialect.SQLITE) {
            throw new StoreException("online backup is for SQLite stores; back up PostgreSQL with pg_dump");
        }
        if (Files.exists(target)) {
            throw new StoreException("backup " + target + " exists already; choose a new file");
        }
        try (Connection c = reader.getConnection()) {
            vacuumInto(c, target);
        } catch (SQLException e) {
            throw new StoreException("backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    static void vacuumInto(Connection c, Path target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }

    /** A JDBC URL with any password parameter blanked, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }

    @Override
    public void close() {
        writer.close();
        if (reader != writer) {
            reader.close();
        }
    }
}
