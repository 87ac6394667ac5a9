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
    void shouldUpgradeAVersionOneStoreWithABackupAndKeepItsTokensValidForEveryJob(@TempDir Path old) throws Exception {
        String secret = "sgt_00112233445566aa_" + "s".repeat(43);
        try (Database v1 = Database.open(StoreConfig.sqlite(old))) {
            new Migrator(v1, Migration.all().subList(0, 1), old.resolve("backups"), Clock.fixed(NOW, ZoneOffset.UTC)).migrate();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(StoreConfig.SQLITE_FILE));
                 Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO tokens (id, name, secret_sha256, scope, created_at) VALUES ('00112233445566aa', 'old', '"
                        + java.util.HexFormat.of().formatHex(TokenStore.sha256(secret)) + "', 'WRITE', 0)");
            }
        }
        try (Database upgraded = Database.open(StoreConfig.sqlite(old))) {
            Migrator.Outcome outcome = new Migrator(upgraded, Migration.all(), old.resolve("backups"), Clock.fixed(NOW, ZoneOffset.UTC))
                    .migrate();

            assertThat(outcome.from()).isEqualTo(1);
            assertThat(outcome.to()).isEqualTo(Migration.all().size());
            assertThat(outcome.backup()).exists();
            Token token = new TokenStore(upgraded, Clock.fixed(NOW, ZoneOffset.UTC)).verify(secret).orElseThrow();
            assertThat(token.jobs()).isEqualTo(JobScope.ALL);
            assertThat(token.jobs().allows("any-job")).isTrue();
        }
    }

    @Test
    void shouldBackUpTheFileBeforeMigratingAndRefuseWhenTheMigrationWasCutShort() throws Exception {
        runs.store(newRun("shop", 1, SampleRuns.passed("checkout", 40, 1)));
        List<Migration> next = new ArrayList<>(Migration.all());
        int current = Migration.all().size();
        next.add(Migration.of(current + 1, "fails", "CREATE TABLE extra (x TEXT);\nINSERT INTO missing VALUES (1);\n"));

        assertThatThrownBy(() -> new Migrator(db, next, backups(), Clock.fixed(NOW, ZoneOffset.UTC)).migrate())
                .hasMessageContaining("failed and was rolled back");

        Path backup = backups().resolve("stressgate-v" + current + "-20261123-120000.db");
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
            assertThat(single(s, "SELECT MAX(version) || state FROM schema_migrations")).isEqualTo(current + "done");
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
