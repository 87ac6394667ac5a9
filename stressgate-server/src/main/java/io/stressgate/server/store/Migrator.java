package io.stressgate.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings the schema to this version at start. Each migration is first recorded as started (committed on its own),
 * then run together with its "done" mark in one transaction; a start that finds a migration started but not done
 * knows a run was cut short (crash, kill, full disk) and refuses to serve, pointing at the backup. Before migrating
 * an SQLite store that already holds a schema, a copy is written with {@code VACUUM INTO} (consistent while the
 * file is in use). A store written by a newer version, or whose applied migrations changed, is refused as well.
 */
public final class Migrator {
    static final String TABLE = "schema_migrations";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Database db;
    private final List<Migration> migrations;
    private final Path backupDir;
    private final Clock clock;

    public Migrator(Database db, List<Migration> migrations, Path backupDir, Clock clock) {
        this.db = db;
        this.migrations = List.copyOf(migrations);
        this.backupDir = backupDir;
        this.clock = clock;
    }

    /** What a start did to the schema: the versions before and after, and the backup taken (null when none was). */
    public record Outcome(int from, int to, Path backup) {
    }

    /** A migration as the store records it. */
    private record Applied(int version, String description, String checksum, String state, long startedAt) {
    }

    public Outcome migrate() {
        try (Connection c = db.writer().getConnection()) {
            createTable(c);
            List<Applied> applied = applied(c);
            check(applied);
            int current = applied.stream().mapToInt(Applied::version).max().orElse(0);
            List<Migration> pending = migrations.stream().filter(m -> m.version() > current).toList();
            if (pending.isEmpty()) {
                return new Outcome(current, current, null);
            }
            Path backup = current > 0 && db.dialect() == Database.Dialect.SQLITE ? backup(c, current) : null;
            for (Migration m : pending) {
                apply(c, m);
            }
            return new Outcome(current, pending.get(pending.size() - 1).version(), backup);
        } catch (SQLException e) {
            throw new StoreException("cannot read or change the schema: " + e.getMessage(), e);
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    + "checksum TEXT NOT NULL, state TEXT NOT NULL, started_at BIGINT NOT NULL, finished_at BIGINT)");
        }
    }

    private static List<Applied> applied(Connection c) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, description, checksum, state, started_at FROM " + TABLE + " ORDER BY version")) {
            while (rs.next()) {
                rows.add(new Applied(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        }
        return rows;
    }

    private void check(List<Applied> applied) {
        for (Applied a : applied) {
            if (!"done".equals(a.state())) {
                throw new MigrationException("schema migration V" + a.version() + " (" + a.description() + ") started at "
                        + Instant.ofEpochMilli(a.startedAt()) + " and never finished: the service was stopped or failed during it. "
                        + "The store is refused so that nothing is served from a half-migrated schema. " + restoreAdvice());
            }
            Optional<Migration> known = migrations.stream().filter(m -> m.version() == a.version()).findFirst();
            if (known.isEmpty()) {
                throw new MigrationException("the store is at schema V" + a.version() + ", which this version of Stress Gate "
                        + "does not know (it knows up to V" + latest() + "); it was written by a newer version. Run that version, "
                        + "or restore a backup made before the upgrade. " + restoreAdvice());
            }
            if (!known.get().checksum().equals(a.checksum())) {
                throw new MigrationException("schema migration V" + a.version() + " (" + a.description() + ") was applied with "
                        + "different SQL than this version ships (checksum " + a.checksum() + " vs " + known.get().checksum()
                        + "); refusing to guess the schema.");
            }
        }
    }

    private String restoreAdvice() {
        if (db.dialect() == Database.Dialect.POSTGRES) {
            return "Restore the database from the dump taken before the upgrade, then start again.";
        }
        return "Stop the service and replace " + db.sqliteFile() + " (and its -wal and -shm files) with the newest backup in "
                + backupDir + ", then start again.";
    }

    private int latest() {
        return migrations.stream().mapToInt(Migration::version).max().orElse(0);
    }

    private Path backup(Connection c, int version) throws SQLException {
        try {
            Files.createDirectories(backupDir);
        } catch (java.io.IOException e) {
            throw new MigrationException("cannot create the backup directory " + backupDir + "; no migration was run", e);
        }
        Path target = backupDir.resolve("stressgate-v" + version + "-" + STAMP.format(clock.instant()) + ".db");
        if (Files.exists(target)) {
            throw new MigrationException("backup " + target + " exists already; no migration was run");
        }
        Database.vacuumInto(c, target);
        return target;
    }

    private void apply(Connection c, Migration m) throws SQLException {
        try (PreparedStatement started = c.prepareStatement("INSERT INTO " + TABLE
                + " (version, description, checksum, state, started_at) VALUES (?, ?, ?, 'started', ?)")) {
            started.setInt(1, m.version());
            started.setString(2, m.description());
            started.setString(3, m.checksum());
            started.setLong(4, clock.millis());
            started.executeUpdate();
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : m.statements()) {
                s.execute(sql);
            }
            try (PreparedStatement done = c.prepareStatement("UPDATE " + TABLE + " SET state = 'done', finished_at = ? WHERE version = ?")) {
                done.setLong(1, clock.millis());
                done.setInt(2, m.version());
                done.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new MigrationException("schema migration V" + m.version() + " (" + m.description() + ") failed and was rolled "
                    + "back: " + e.getMessage() + ". It stays marked as started, so the service will refuse this store until "
                    + "it is restored. " + restoreAdvice(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }
}
