package io.stressgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.server.store.Database;
import io.stressgate.server.store.IssuedToken;
import io.stressgate.server.store.Migration;
import io.stressgate.server.store.Migrator;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY S1: the service in its own JVM takes uploads from parallel uploaders and is killed with SIGKILL at a
 * random moment, restarted on the same store, again and again ({@code -Dcrash.cycles}, default 20). Afterwards every
 * run acknowledged with 201 or 200 is stored whole under the id it was acknowledged with, re-sends got the same id
 * and stored nothing twice, and SQLite's integrity check passes.
 */
class CrashSafetyIT {
    private static final int CYCLES = Integer.getInteger("crash.cycles", 20);
    private static final int UPLOADERS = Integer.getInteger("crash.uploaders", 6);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the service's log and store to look at
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedRunWholeThroughRepeatedSigkills() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        String token = createToken(data);
        List<Uploader> uploaders = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            uploaders.add(new Uploader("crash-" + i, i, token));
        }
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        long started = System.nanoTime();
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                runOneCycle(data, uploaders, pool, 150 + random.nextInt(1500), cycle);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        Tally tally = verify(data, uploaders, token);
        System.out.printf("crash IT (seed %d): %d SIGKILL cycles in %d s, %d uploads acknowledged, %d re-sends answered with "
                        + "the same id, %d unacknowledged attempts, %d runs stored, integrity ok%n", seed, CYCLES,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), tally.acknowledged, tally.resends, tally.unacknowledged,
                tally.stored);
        assertThat(tally.acknowledged).as("uploads acknowledged over all cycles").isGreaterThan(CYCLES);
    }

    private static String createToken(Path data) {
        try (Database db = Database.open(StoreConfig.sqlite(data))) {
            new Migrator(db, Migration.all(), data.resolve("backups"), Clock.systemUTC()).migrate();
            IssuedToken token = new TokenStore(db, Clock.systemUTC()).create("crash", Scope.WRITE, null);
            return token.secret();
        }
    }

    private void runOneCycle(Path data, List<Uploader> uploaders, ExecutorService pool, int killAfterMs, int cycle) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(data, dir.resolve("service.log"), "--rate", "100000/s")) {
            List<Future<?>> running = new ArrayList<>();
            for (Uploader u : uploaders) {
                running.add(pool.submit(() -> u.cycle(service.port())));
            }
            Thread.sleep(killAfterMs);
            service.kill();
            uploaders.forEach(Uploader::stop);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (IllegalStateException e) {
            throw new AssertionError("cycle " + cycle + ": " + e.getMessage(), e);
        }
    }

    private record Tally(int acknowledged, int resends, int unacknowledged, int stored) {
    }

    private Tally verify(Path data, List<Uploader> uploaders, String token) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(data, dir.resolve("service.log"), "--rate", "100000/s")) {
            for (Uploader u : uploaders) {
                u.resendAcknowledged(service.port());
            }
            assertThat(service.stop(30)).as("exit code after SIGTERM (128 + 15: the JVM's code for a handled SIGTERM)").isEqualTo(143);
            assertThat(ServiceProcess.tail(service.log())).contains("Stress Gate service stopped");
        }
        Map<String, String> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(StoreConfig.SQLITE_FILE));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = s.executeQuery("SELECT id, job, build, results FROM runs")) {
                while (rs.next()) {
                    String key = rs.getString("job") + "#" + rs.getLong("build");
                    assertThat(stored.put(key, rs.getString("id"))).as("a second row for " + key).isNull();
                    assertThat(JSON.readTree(rs.getString("results"))).as("results of " + key)
                            .isEqualTo(Uploader.expected(rs.getString("job"), rs.getLong("build")));
                }
            }
        }
        int acknowledged = 0;
        int resends = 0;
        int unacknowledged = 0;
        for (Uploader u : uploaders) {
            for (Map.Entry<Long, String> e : u.acked.entrySet()) {
                assertThat(stored.get(u.job + "#" + e.getKey())).as("acknowledged run " + u.job + " #" + e.getKey()).isEqualTo(e.getValue());
            }
            acknowledged += u.acked.size();
            resends += u.resends;
            unacknowledged += u.failures;
        }
        return new Tally(acknowledged, resends, unacknowledged, stored.size());
    }

    /**
     * One CI job uploading build after build; builds without an answer are sent again in the next cycle, and the last
     * acknowledged one is re-sent to check the answer is the same id.
     */
    private static final class Uploader {
        private final String job;
        private final long seedBase;
        private final String token;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final Map<Long, String> acked = new ConcurrentHashMap<>();
        private final Set<Long> pending = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;
        private long nextBuild = 1;
        int resends;
        int failures;

        Uploader(String job, long seedBase, String token) {
            this.job = job;
            this.seedBase = seedBase;
            this.token = token;
        }

        static JsonNode expected(String job, long build) throws Exception {
            return JSON.readTree(body(job, build));
        }

        private static byte[] body(String job, long build) {
            long seed = Long.parseLong(job.substring(job.indexOf('-') + 1)) * 1_000_000 + build;
            return SampleRuns.json(SampleRuns.run("crash", 20 + build % 7, 5, 20, seed,
                    io.stressgate.engine.result.RunStatus.COMPLETED, true));
        }

        void cycle(int port) {
            stopped = false;
            if (!acked.isEmpty()) {
                long last = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
                send(port, last);
            }
            for (Long build : List.copyOf(pending)) {
                if (!stopped) {
                    send(port, build);
                }
            }
            while (!stopped) {
                send(port, nextBuild++);
            }
        }

        void stop() {
            stopped = true;
        }

        void resendAcknowledged(int port) {
            stopped = false;
            for (Long build : List.copyOf(acked.keySet())) {
                send(port, build);
            }
        }

        private void send(int port, long build) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/runs?job=" + job
                            + "&build=" + build)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(job, build))).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 201 || status == 200) {
                    String id = JSON.readTree(response.body()).get("id").asText();
                    String before = acked.putIfAbsent(build, id);
                    if (before != null) {
                        assertThat(id).as("id of re-sent " + job + " #" + build).isEqualTo(before);
                        resends++;
                    }
                    pending.remove(build);
                    return;
                }
                assertThat(status).as(job + " #" + build + ": " + response.body()).isIn(503);
                unanswered(build);
            } catch (java.io.IOException e) {
                unanswered(build);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        private void unanswered(long build) {
            failures++;
            if (!acked.containsKey(build)) {
                pending.add(build);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
