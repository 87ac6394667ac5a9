package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY S2: once stopping, new requests get 503 with Retry-After while an upload in flight still completes. */
class GracefulStopIT {
    @TempDir
    Path dir;

    @Test
    void shouldFinishTheUploadInFlightAndRefuseNewRequestsWhileStopping() throws Exception {
        TestService service = TestService.start(dir);
        CompletableFuture<Void> stopping = null;
        try (Socket slow = new Socket("127.0.0.1", java.net.URI.create(service.url("/")).getPort())) {
            slow.setSoTimeout(30_000);
            byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/runs?job=shop&build=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + service.writeToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            waitUntil(() -> service.server().database() != null && inFlight(service) == 1);

            stopping = CompletableFuture.runAsync(service::close);
            waitUntil(() -> stoppingNow(service));
            int refused = service.get("/api/v1/jobs").statusCode();
            String retryAfter = service.get("/api/v1/health").headers().firstValue("Retry-After").orElse(null);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String status = new String(readStatusLine(slow.getInputStream()), StandardCharsets.US_ASCII);

            assertThat(refused).isEqualTo(503);
            assertThat(retryAfter).isEqualTo("5");
            assertThat(status).startsWith("HTTP/1.1 201");
        } finally {
            if (stopping != null) {
                stopping.get(30, TimeUnit.SECONDS);
            }
            service.close();
        }
        try (TestService reopened = TestService.start(dir)) {
            assertThat(reopened.get("/api/v1/jobs/shop/runs").body()).contains("\"build\":1");
        }
    }

    private static int inFlight(TestService service) {
        return serverAdmission(service).inFlight();
    }

    private static boolean stoppingNow(TestService service) {
        return serverAdmission(service).stopping();
    }

    private static Admission serverAdmission(TestService service) {
        return service.server().admission();
    }

    private static byte[] readStatusLine(InputStream in) throws Exception {
        return in.readNBytes(12);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
