package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY 5.2 V1-V6 as a table: every bad upload gets its exact status, error code and the JSON pointer (or
 * parameter) of the problem, never a 5xx, and nothing is stored.
 */
class IngestValidationIT {
    private static final int WIRE_LIMIT = 128 * 1024;
    private static final int INFLATED_LIMIT = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static TestService service;
    private static String otherTeamsToken;

    @BeforeAll
    static void start() {
        service = TestService.start(dir, c -> c.withBodyLimits(WIRE_LIMIT, INFLATED_LIMIT));
        otherTeamsToken = new io.stressgate.server.store.TokenStore(service.database(), java.time.Clock.systemUTC())
                .create("billing-team", io.stressgate.server.store.Scope.WRITE, null,
                        io.stressgate.server.store.JobScope.parse("billing-*")).secret();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @AfterEach
    void nothingWasStored() throws Exception {
        assertThat(service.get("/api/v1/jobs").body()).isEqualTo("[]");
    }

    /** A bad upload: how to send it, and the status, error code and location the service must answer with. */
    record Case(String name, Function<TestService, HttpRequest.Builder> request, int status, String error, String where,
                String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] valid() {
        return SampleRuns.json(SampleRuns.passed("checkout", 40, 1));
    }

    private static byte[] mutate(Consumer<ObjectNode> change) {
        ObjectNode tree = ResultsJson.writer().valueToTree(SampleRuns.passed("checkout", 40, 1));
        change.accept(tree);
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode shard(ObjectNode t) {
        t.putObject("shard").put("index", 2).put("count", 3).put("group", "ci-42").put("primary", 1).putNull("startOffsetMs");
        return t;
    }

    private static ObjectNode latency(ObjectNode t) {
        return (ObjectNode) t.get("load").get("all").get("latencyMs");
    }

    private static Case upload(String name, byte[] body, int status, String error, String pointer) {
        return new Case(name, s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), body), status, error, "pointer", pointer);
    }

    private static HttpRequest.Builder writer(TestService s, String path, byte[] body) {
        return s.post(path, body).header("Authorization", "Bearer " + s.writeToken);
    }

    private static Case parameter(String name, String query, int status, String error, String parameter) {
        return new Case(name, s -> writer(s, "/api/v1/runs" + query, valid()), status, error, "parameter", parameter);
    }

    static Stream<Case> cases() throws Exception {
        String good = new String(valid(), StandardCharsets.UTF_8);
        byte[] invalidUtf8 = good.replace("\"checkout\"", "\"check\u0001out\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(invalidUtf8, (byte) 0x01);
        invalidUtf8[at] = (byte) 0xff;
        byte[] overlong = good.replace("\"checkout\"", "\"check/out\"").getBytes(StandardCharsets.UTF_8);
        int slash = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("check/out") + "check".length();
        byte[] overlongUtf8 = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, overlongUtf8, 0, slash);
        overlongUtf8[slash] = (byte) 0xc0; // '/' written in two bytes: Jackson decodes it, a strict decoder refuses it
        overlongUtf8[slash + 1] = (byte) 0xaf;
        System.arraycopy(overlong, slash + 1, overlongUtf8, slash + 2, overlong.length - slash - 1);
        String trimmed = good.trim();
        byte[] longList = (trimmed.substring(0, trimmed.length() - 1) + ",\"extra\":[" + "0,".repeat(100_000) + "0]}")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                upload("overlong UTF-8", overlongUtf8, 400, "malformed", "/scenario/name"),
                upload("lone surrogate", good.replace("\"checkout\"", "\"check\\ud800out\"").getBytes(StandardCharsets.UTF_8),
                        400, "malformed", "/scenario/name"),
                new Case("list over the entry limit", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), gzip(longList))
                        .header("Content-Encoding", "gzip"), 413, "too_large", "pointer", "/extra"),
                upload("not JSON", "{not json".getBytes(StandardCharsets.UTF_8), 400, "malformed", ""),
                upload("truncated", Arrays.copyOf(valid(), valid().length / 2), 400, "malformed", ""),
                upload("invalid UTF-8", invalidUtf8, 400, "malformed", "/scenario/name"),
                upload("NaN", good.replaceFirst("\"rps\" : [0-9.]+", "\"rps\" : NaN").getBytes(StandardCharsets.UTF_8), 400, "malformed", ""),
                upload("duplicate key", good.replaceFirst("\\{", "{\"runId\":\"x\",").getBytes(StandardCharsets.UTF_8), 400, "malformed", "/runId"),
                upload("wrong type", mutate(t -> ((ObjectNode) t.get("load").get("all")).put("requests", "1500")), 400, "malformed", "/load/all/requests"),
                upload("missing field", mutate(t -> ((ObjectNode) t.get("load").get("all")).remove("requests")), 400, "malformed", "/load/all/requests"),
                upload("unknown field", mutate(t -> t.put("trustMe", true)), 400, "malformed", "/trustMe"),
                upload("deep nesting", ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8), 413, "too_large", ""),
                upload("unknown schema version", mutate(t -> t.put("schema", "stressgate.results/9")), 400, "unsupported_version", "/schema"),
                upload("too-new schema version", mutate(t -> t.put("schema", "stressgate.results/2")), 400, "unsupported_version", "/schema"),
                upload("count that overflows a long", good.replaceFirst("\"requests\" : [0-9]+", "\"requests\" : 99999999999999999999")
                        .getBytes(StandardCharsets.UTF_8), 400, "malformed", "/load/all/requests"),
                upload("scenario name of 1,000 characters", mutate(t -> ((ObjectNode) t.get("scenario")).put("name", "n".repeat(1000))),
                        422, "invalid", "/scenario/name"),
                upload("name of a million characters", mutate(t -> ((ObjectNode) t.get("scenario")).put("name", "n".repeat(1_000_000))),
                        413, "too_large", ""),
                upload("negative latency", mutate(t -> latency(t).put("p50", -1)), 422, "invalid", "/load/all/latencyMs/p50"),
                upload("p99 below p50", mutate(t -> latency(t).put("p99", 0.001)), 422, "invalid", "/load/all/latencyMs/p99"),
                upload("negative duration", mutate(t -> t.put("durationMs", -5)), 422, "invalid", "/durationMs"),
                upload("start in year 9999", mutate(t -> t.put("startedAt", "9999-01-01T00:00:00Z")), 422, "invalid", "/startedAt"),
                upload("incomplete run claiming PASSED", mutate(t -> t.put("status", "INTERRUPTED")), 422, "invalid", "/verdict"),
                upload("one shard's results, verdict PENDING (merge first, publish once)", mutate(t -> shard(t).put("verdict", "PENDING")),
                        422, "invalid", "/verdict"),
                upload("one shard's results claiming PASSED", mutate(IngestValidationIT::shard), 422, "invalid", "/verdict"),
                upload("oversized", new byte[WIRE_LIMIT + 1], 413, "too_large", ""),
                new Case("oversized without length", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), new byte[0])
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[WIRE_LIMIT * 2]))),
                        413, "too_large", "pointer", ""),
                new Case("gzip bomb", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), gzip(new byte[64 << 20]))
                        .header("Content-Encoding", "gzip"), 413, "too_large", "pointer", ""),
                new Case("broken gzip", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Content-Encoding", "gzip"), 400, "malformed", "pointer", ""),
                new Case("unknown encoding", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Content-Encoding", "br"), 415, "unsupported_encoding", "header", "Content-Encoding"),
                new Case("bad idempotency key", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Idempotency-Key", "has spaces in it"), 400, "bad_header", "header", "Idempotency-Key"),
                parameter("no job", "?build=1", 400, "bad_parameter", "job"),
                parameter("negative build", "?job=shop&build=-1", 400, "bad_parameter", "build"),
                parameter("build not a number", "?job=shop&build=1e3", 400, "bad_parameter", "build"),
                parameter("javascript link", "?job=shop&build=1&ciUrl=javascript:alert(1)", 400, "bad_parameter", "ciUrl"),
                parameter("control character in job", "?job=a%0Ab&build=1", 400, "bad_parameter", "job"),
                parameter("send time in 9999", "?job=shop&build=1&sentAt=9999-01-01T00:00:00Z", 422, "invalid", "sentAt"),
                parameter("token in the query", "?job=shop&build=1&token=abc", 400, "token_in_query", "token"),
                new Case("no token", s -> s.post("/api/v1/runs" + TestService.query("shop", 1), valid()), 401, "unauthorized", null, null),
                new Case("wrong token", s -> s.post("/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Authorization", "Bearer " + s.writeToken.substring(0, s.writeToken.length() - 2) + "zz"),
                        401, "unauthorized", null, null),
                new Case("basic auth", s -> s.post("/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Authorization", "Basic dXNlcjpwYXNz"), 401, "unauthorized", null, null),
                new Case("read-only token", s -> s.post("/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Authorization", "Bearer " + s.readToken), 403, "forbidden", null, null),
                new Case("token of another team's jobs", s -> s.post("/api/v1/runs" + TestService.query("shop", 1), valid())
                        .header("Authorization", "Bearer " + otherTeamsToken), 403, "forbidden", "parameter", "job"),
                new Case("token value in the query", s -> writer(s, "/api/v1/runs" + TestService.query("shop", 1) + "&x=" + s.writeToken,
                        valid()), 400, "token_in_query", "parameter", "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseBadUploadsWithTheExactStatusAndLocation(Case c) throws Exception {
        HttpResponse<String> response = service.send(c.request().apply(service));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(c.error());
        if (c.where() != null) {
            assertThat(body.get(c.where())).as(response.body()).isNotNull();
            assertThat(body.get(c.where()).asText()).isEqualTo(c.value());
        }
        assertThat(response.body()).doesNotContain(service.writeToken).doesNotContain(service.readToken).doesNotContain(otherTeamsToken);
    }

    @Test
    void shouldListTheSupportedVersionsWhenRefusingASchema() throws Exception {
        HttpResponse<String> response = service.send(writer(service, "/api/v1/runs" + TestService.query("shop", 1),
                mutate(t -> t.put("schema", "stressgate.results/9"))));

        assertThat(JSON.readTree(response.body()).get("supported").get(0).asText()).isEqualTo("stressgate.results/1");
    }

    @Test
    void shouldAnswer413ToAHugeDeclaredLengthWithoutWaitingForTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", java.net.URI.create(service.url("/")).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/runs?job=shop&build=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + service.writeToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void shouldAnswerARefusalFirstAndThenReadTheBodyToTheEndSoTheConnectionStaysUsable() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", java.net.URI.create(service.url("/")).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            int length = WIRE_LIMIT * 2;
            out.write(("POST /api/v1/runs?job=shop&build=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + service.writeToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            String refusal = readUntil(in, "}");
            out.write(new byte[length - 1024]);
            out.write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String next = readUntil(in, "\r\n");

            assertThat(refusal).startsWith("HTTP/1.1 413").contains("too_large");
            assertThat(next).isEqualTo("HTTP/1.1 200 OK\r\n");
        }
    }

    private static String readUntil(java.io.InputStream in, String marker) throws java.io.IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the connection closed before " + marker + "; read " + seen);
            }
            seen.append((char) b);
        }
        return seen.toString();
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("byte " + b + " not found");
    }

}
