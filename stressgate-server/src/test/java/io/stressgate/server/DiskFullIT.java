package io.stressgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY S4, a disk that fills up mid-ingest: the SQLite store lives on a tmpfs of 8 MiB that this test mounts
 * and then fills. Uploads get 507 and no receipt, nothing half-stored shows, reads and health (degraded) still
 * answer, and once space is freed uploads succeed again without a restart; the file passes its integrity check.
 * Mounting needs root: {@code test.sh} sets STRESSGATE_MOUNT_TESTS=1 when it can mount, and then this must run.
 */
class DiskFullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "disk";
    @TempDir
    Path dir;
    private Path small;
    private boolean mounted;
    private TestService service;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        small = Files.createDirectories(dir.resolve("small"));
        int code = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString());
        mounted = code == 0;
        if (!mounted && !"1".equals(System.getenv("STRESSGATE_MOUNT_TESTS"))) {
            Assumptions.abort("cannot mount a tmpfs here (needs root); the disk-full case did not run");
        }
        assertThat(mounted).as("mount -t tmpfs (STRESSGATE_MOUNT_TESTS=1 says this machine can)").isTrue();
    }

    @AfterEach
    void unmount() throws Exception {
        if (service != null) {
            service.close();
        }
        if (mounted) {
            assertThat(run("umount", small.toString())).isZero();
        }
    }

    @Test
    void shouldRefuseUploadsWithoutAReceiptWhileTheDiskIsFullAndTakeThemAgainOnceSpaceIsFreed() throws Exception {
        service = TestService.start(StoreConfig.sqlite(small), dir.resolve("backups"), c -> c);
        List<String> acked = new ArrayList<>();
        for (int build = 1; build <= 3; build++) {
            acked.add(receipt(upload(build), 201));
        }
        Path filler = small.resolve("filler");
        fill(filler);

        List<Integer> refusals = new ArrayList<>();
        for (int build = 4; build <= 60 && refusals.size() < 3; build++) {
            HttpResponse<String> r = upload(build);
            if (r.statusCode() == 201) {
                acked.add(receipt(r, 201));
            } else {
                refusals.add(r.statusCode());
                assertThat(JSON.readTree(r.body()).has("id")).as("a refusal carries no receipt: " + r.body()).isFalse();
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        JsonNode health = JSON.readTree(service.get("/api/v1/health").body());
        HttpResponse<String> listed = service.get("/api/v1/jobs/" + JOB + "/runs?limit=1000");

        assertThat(refusals).as("uploads on a full disk").isNotEmpty().allMatch(s -> s == 507 || s == 503).contains(507);
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("reason").asText()).contains("full");
        assertThat(listed.statusCode()).as("reads still work").isEqualTo(200);
        assertThat(ids(listed)).as("exactly the acknowledged runs are visible").isEqualTo(new HashSet<>(acked));

        Files.delete(filler);
        acked.add(receipt(upload(100), 201));
        assertThat(JSON.readTree(service.get("/api/v1/health").body()).get("status").asText()).isEqualTo("ok");
        service.close();
        service = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + small.resolve(StoreConfig.SQLITE_FILE));
             Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(single(s, "SELECT COUNT(*) FROM runs WHERE job = '" + JOB + "'")).isEqualTo(String.valueOf(acked.size()));
        }
    }

    private HttpResponse<String> upload(int build) throws Exception {
        return service.upload(JOB, build, SampleRuns.json(SampleRuns.passed("checkout", 40, build)));
    }

    private static String receipt(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static Set<String> ids(HttpResponse<String> listed) throws IOException {
        Set<String> ids = new HashSet<>();
        JSON.readTree(listed.body()).forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    /** Writes to the file until the disk refuses another byte. */
    private static void fill(Path file) {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 4096; i++) {
                out.write(chunk);
                out.flush();
            }
            throw new AssertionError("64 MiB went onto a disk of 8 MiB");
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }
}
