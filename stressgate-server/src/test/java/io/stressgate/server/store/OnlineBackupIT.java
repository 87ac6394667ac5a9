package io.stressgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY S8: an online backup of the SQLite store, taken from a second connection pool while four uploaders keep
 * writing, opens on its own, passes the integrity check and holds every run acknowledged before it started.
 */
class OnlineBackupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void shouldTakeAConsistentBackupWhileUploadsGoOn() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Path backup = dir.resolve("backup.db");
        Set<String> before;
        try (TestService service = TestService.start(dir.resolve("data"))) {
            List<Future<?>> uploaders = new ArrayList<>();
            for (int u = 0; u < 4; u++) {
                int uploader = u;
                uploaders.add(pool.submit(() -> upload(service, uploader, running, acknowledged)));
            }
            waitFor(() -> acknowledged.size() >= 40);
            before = new HashSet<>(acknowledged);
            try (Database second = Database.open(StoreConfig.sqlite(dir.resolve("data")))) {
                second.backupTo(backup);
            }
            int atBackup = acknowledged.size();
            waitFor(() -> acknowledged.size() >= atBackup + 20);
            running.set(false);
            for (Future<?> f : uploaders) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        Set<String> inBackup = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = s.executeQuery("SELECT id, results FROM runs")) {
                while (rs.next()) {
                    inBackup.add(rs.getString(1));
                    assertThat(JSON.readTree(rs.getString(2)).get("schema").asText()).isEqualTo("stressgate.results/1");
                }
            }
        }
        assertThat(inBackup).containsAll(before);
        assertThat(acknowledged).hasSizeGreaterThan(inBackup.size());
    }

    private static Void upload(TestService service, int uploader, AtomicBoolean running, Set<String> acknowledged) throws Exception {
        for (int build = 1; running.get() && build < 10_000; build++) {
            HttpResponse<String> r = service.upload("backup-" + uploader, build, SampleRuns.json(SampleRuns.passed("c", 40, build)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            acknowledged.add(JSON.readTree(r.body()).get("id").asText());
        }
        return null;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
