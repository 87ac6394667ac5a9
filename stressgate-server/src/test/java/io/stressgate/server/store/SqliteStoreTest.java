package io.stressgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.server.testing.SampleRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, plus what only SQLite has: WAL and FULL sync, and the file backup before migrating. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return StoreConfig.sqlite(dir);
    }

    @Override
    Path backups() {
        return dir.resolve("backups");
    }

    @Test
    void shouldRunInWalModeWithFullSync() throws Exception {
        try (Connection c = db.writer().getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(s, "PRAGMA synchronous")).isEqualTo("2");
        }
    }

    @Test
    void shouldBackUpTheFileBeforeMigratingAndRefuseWhenTheMigrationWasCutShort() throws Exception {
        runs.store(newRun("shop", 1, SampleRuns.passed("checkout", 40, 1)));
        List<Migration> next = new ArrayList<>(Migration.all());
        next.add(Migration.of(2, "fails", "CREATE TABLE extra (x TEXT);\nINSERT INTO missing VALUES (1);\n"));

        assertThatThrownBy(() -> new Migrator(db, next, backups(), Clock.fixed(NOW, ZoneOffset.UTC)).migrate())
                .hasMessageContaining("failed and was rolled back");

        Path backup = backups().resolve("stressgate-v1-20261123-120000.db");
        assertThat(backup).exists();
        assertThatThrownBy(() -> new Migrator(db, next, backups(), Clock.fixed(NOW, ZoneOffset.UTC)).migrate())
                .hasMessageContaining("never finished").hasMessageContaining(backups().toString());
        db.close();
        Path file = dir.resolve(StoreConfig.SQLITE_FILE);
        Files.copy(backup, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve(StoreConfig.SQLITE_FILE + "-wal"));
        Files.deleteIfExists(dir.resolve(StoreConfig.SQLITE_FILE + "-shm"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(single(s, "SELECT COUNT(*) FROM runs")).isEqualTo("1");
            assertThat(single(s, "SELECT MAX(version) || state FROM schema_migrations")).isEqualTo("1done");
        }
        db = Database.open(config());
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
