package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.testing.Postgres;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY S6: PostgreSQL stops under the service. Uploads and the gate get 503 with Retry-After (no receipt, never
 * PASSED) while it is down; once it is back the pool reconnects, the retried upload is stored, and nothing is lost.
 */
class PostgresOutageIT {
    @TempDir
    Path dir;

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndRecoverWhenItReturns() throws Exception {
        try (Postgres postgres = Postgres.start(dir.resolve("pg"))) {
            String url = postgres.freshDatabase();
            try (TestService service = TestService.start(StoreConfig.jdbc(url, dir), dir.resolve("backups"), c -> c)) {
                byte[] first = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
                byte[] second = SampleRuns.json(SampleRuns.passed("checkout", 41, 2));
                assertThat(service.upload("shop", 1, first).statusCode()).isEqualTo(201);

                postgres.stop();
                long before = System.nanoTime();
                HttpResponse<String> down = service.upload("shop", 2, second);
                long tookMs = (System.nanoTime() - before) / 1_000_000;
                HttpResponse<String> gate = service.get("/api/v1/jobs/shop/gate?build=1");

                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.headers().firstValue("Retry-After")).isPresent();
                assertThat(down.body()).doesNotContain("\"id\"");
                assertThat(tookMs).as("time to answer while the database is down").isLessThan(15_000);
                assertThat(gate.statusCode()).isEqualTo(503);
                assertThat(gate.body()).doesNotContain("PASSED");
                assertThat(service.get("/api/v1/health").statusCode()).isEqualTo(503);

                postgres.restart();
                int status = 0;
                for (int attempt = 0; attempt < 30 && status != 201; attempt++) {
                    status = service.upload("shop", 2, second).statusCode();
                    if (status != 201) {
                        Thread.sleep(500);
                    }
                }

                assertThat(status).as("upload after the database came back").isEqualTo(201);
                assertThat(service.get("/api/v1/jobs/shop/runs").body()).contains("\"build\":1", "\"build\":2");
                assertThat(service.get("/api/v1/jobs/shop/gate?build=1").statusCode()).isEqualTo(200);
            }
        }
    }
}
