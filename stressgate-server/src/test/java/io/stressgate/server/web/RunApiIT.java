package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading and reading runs over real HTTP: receipts, idempotency, conflicts, listings, trends, comparisons, limits. */
class RunApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSS = "<img src=x onerror=alert(1)>";
    @TempDir
    Path dir;
    private TestService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void shouldAnswer201WithTheRunIdAndKeepBothTimestamps() throws Exception {
        service = TestService.start(dir);
        byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));

        HttpResponse<String> created = service.send(service.post("/api/v1/runs" + TestService.query("shop", 7)
                + "&branch=main&commit=abc&ciUrl=https://ci.example/7&sentAt=2026-01-01T00:00:00Z", body)
                .header("Authorization", "Bearer " + service.writeToken));
        String id = json(created).get("id").asText();
        JsonNode run = json(service.get("/api/v1/runs/" + id));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/runs/" + id);
        assertThat(run.get("run").get("job").asText()).isEqualTo("shop");
        assertThat(run.get("run").get("ciUrl").asText()).isEqualTo("https://ci.example/7");
        assertThat(run.get("run").get("clientSentAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(run.get("run").get("receivedAt").asText()).isNotBlank();
        assertThat(run.get("clockSkewed").asBoolean()).isTrue();
        assertThat(run.get("results")).isEqualTo(JSON.readTree(body));
    }

    @Test
    void shouldAnswerTheSameIdForTheSameRunAndRefuseADifferentOne() throws Exception {
        service = TestService.start(dir);
        byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
        String id = json(service.upload("shop", 8, body)).get("id").asText();

        HttpResponse<String> again = service.upload("shop", 8, body);
        HttpResponse<String> gzipped = service.send(service.post("/api/v1/runs" + TestService.query("shop", 8), gzip(body))
                .header("Authorization", "Bearer " + service.writeToken).header("Content-Encoding", "gzip"));
        HttpResponse<String> different = service.upload("shop", 8, SampleRuns.json(SampleRuns.passed("checkout", 41, 2)));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(id);
        assertThat(json(again).get("outcome").asText()).isEqualTo("existing");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(json(gzipped).get("id").asText()).isEqualTo(id);
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(json(different).get("id").asText()).isEqualTo(id);
        assertThat(json(different).get("message").asText()).contains("cannot be replaced");
        assertThat(json(service.get("/api/v1/jobs/shop/runs"))).hasSize(1);
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherBuild() throws Exception {
        service = TestService.start(dir);
        byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
        service.send(service.post("/api/v1/runs" + TestService.query("shop", 1), body)
                .header("Authorization", "Bearer " + service.writeToken).header("Idempotency-Key", "k-1"));

        HttpResponse<String> reused = service.send(service.post("/api/v1/runs" + TestService.query("shop", 2), body)
                .header("Authorization", "Bearer " + service.writeToken).header("Idempotency-Key", "k-1"));

        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(json(reused).get("message").asText()).contains("idempotency key was used for build 1");
    }

    @Test
    void shouldKeepHostileAndSlashedNamesAsDataAndFindTheirJobs() throws Exception {
        service = TestService.start(dir);
        service.upload(XSS, 1, SampleRuns.json(SampleRuns.passed(XSS, 40, 1)));
        service.upload("team/service", 1, SampleRuns.json(SampleRuns.passed("checkout", 40, 2)));

        JsonNode jobs = json(service.get("/api/v1/jobs"));
        HttpResponse<String> slashed = service.get("/api/v1/jobs/" + encode("team/service") + "/runs");
        HttpResponse<String> hostile = service.get("/api/v1/jobs/" + encode(XSS) + "/runs");
        HttpResponse<String> injection = service.get("/api/v1/jobs/" + encode("x' OR 1=1--") + "/runs");

        assertThat(jobs.findValuesAsText("name")).containsExactlyInAnyOrder(XSS, "team/service");
        assertThat(slashed.statusCode()).as(slashed.body()).isEqualTo(200);
        assertThat(json(hostile).get(0).get("scenario").asText()).isEqualTo(XSS);
        assertThat(injection.statusCode()).isEqualTo(404);
        assertThat(service.get("/api/v1/jobs/" + encode(XSS) + "/runs?order=name;DROP").statusCode()).isEqualTo(400);
        assertThat(json(service.get("/api/v1/jobs/" + encode(XSS) + "/runs?order=received"))).hasSize(1);
    }

    @Test
    void shouldGiveTheTrendWithItsBaselineBandAndCompareTwoRuns() throws Exception {
        service = TestService.start(dir);
        String first = null;
        String last = null;
        for (int build = 1; build <= 6; build++) {
            RunResults r = SampleRuns.passed("checkout", build == 6 ? 60 : 40, build);
            String id = json(service.upload("shop", build, SampleRuns.json(r))).get("id").asText();
            first = first == null ? id : first;
            last = id;
        }

        JsonNode trend = json(service.get("/api/v1/jobs/shop/trend?metric=p95,rps&last=4"));
        JsonNode compare = json(service.get("/api/v1/compare?a=" + first + "&b=" + last));

        assertThat(trend.get("scenario").asText()).isEqualTo("checkout");
        assertThat(trend.get("trend").get("points")).hasSize(4);
        assertThat(trend.get("trend").get("points").get(3).get("number").asLong()).isEqualTo(6);
        assertThat(trend.get("trend").get("points").get(3).get("url").asText()).isEqualTo("/runs/" + last);
        assertThat(trend.get("trend").get("points").get(0).get("metrics").fieldNames()).toIterable().containsExactly("p95", "rps");
        assertThat(trend.get("trend").get("baseline").get("p95").get("high").asDouble()).isLessThan(60);
        assertThat(compare.get("regression").get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(compare.get("regression").get("comparisons").get(0).get("changeText").asText()).startsWith("+");
        assertThat(compare.get("regression").get("comparisons").get(0).get("test").get("pValue").asDouble()).isLessThan(0.05);
        assertThat(service.get("/api/v1/jobs/shop/trend?metric=p95;drop").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer429WithRetryAfterToAFloodingTokenOnly() throws Exception {
        service = TestService.start(dir, c -> c.withWriteRate(new Rate(1), 3));
        byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = service.upload("flood", 1, body);
            if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            }
        }
        io.stressgate.server.store.TokenStore tokens = new io.stressgate.server.store.TokenStore(service.database(), java.time.Clock.systemUTC());
        String other = tokens.create("other-project", io.stressgate.server.store.Scope.WRITE, null).secret();

        HttpResponse<String> calm = service.send(service.post("/api/v1/runs" + TestService.query("calm", 1), body)
                .header("Authorization", "Bearer " + other));

        assertThat(limited).isGreaterThanOrEqualTo(5);
        assertThat(retryAfter).isNotNull();
        assertThat(Integer.parseInt(retryAfter)).isPositive();
        assertThat(calm.statusCode()).isEqualTo(201);
    }

    @Test
    void shouldLetATokenLimitedToSomeJobsUploadForThoseOnly() throws Exception {
        service = TestService.start(dir);
        String team = new io.stressgate.server.store.TokenStore(service.database(), java.time.Clock.systemUTC())
                .create("checkout-team", io.stressgate.server.store.Scope.WRITE, null,
                        io.stressgate.server.store.JobScope.parse("checkout-*")).secret();
        byte[] body = SampleRuns.json(SampleRuns.passed("checkout", 40, 1));

        HttpResponse<String> own = service.send(service.post("/api/v1/runs" + TestService.query("checkout-api", 1), body)
                .header("Authorization", "Bearer " + team));
        HttpResponse<String> foreign = service.send(service.post("/api/v1/runs" + TestService.query("billing", 1), body)
                .header("Authorization", "Bearer " + team));

        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        JsonNode refusal = new ObjectMapper().readTree(foreign.body());
        assertThat(refusal.get("error").asText()).isEqualTo("forbidden");
        assertThat(refusal.get("parameter").asText()).isEqualTo("job");
        assertThat(refusal.get("message").asText()).contains("checkout-team", "checkout-*").doesNotContain(team);
        assertThat(service.get("/api/v1/jobs").body()).contains("checkout-api").doesNotContain("billing");
    }

    @Test
    void shouldProtectReadsWhenAskedAndExposeMetrics() throws Exception {
        service = TestService.start(dir, c -> c.withReadsNeedToken(true));
        service.upload("shop", 1, SampleRuns.json(SampleRuns.passed("checkout", 40, 1)));

        HttpResponse<String> anonymous = service.get("/api/v1/jobs");
        HttpResponse<String> reader = service.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url("/api/v1/jobs")))
                .header("Authorization", "Bearer " + service.readToken));
        HttpResponse<String> metrics = service.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url("/metrics")))
                .header("Authorization", "Bearer " + service.readToken));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("stressgate_uploads_total{outcome=\"created\"} 1",
                "stressgate_http_requests_total{method=\"POST\",route=\"/api/v1/runs\",status=\"201\"} 1",
                "stressgate_store_up 1");
        assertThat(service.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
