package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY 5.2 V7 without Schemathesis (it is not in Debian, and PyPI cannot be reached here): the service's own
 * OpenAPI document drives seeded random requests to every operation, with valid, missing and hostile parameter values
 * and bodies; every answer must be documented for its operation, never 5xx, and its body must match the schema the
 * document gives for that status.
 */
class ApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS_PER_OPERATION = 60;
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012()).keyword(new NonValidationKeyword("components")).build()));
    private static final List<String> HOSTILE = List.of("", "' OR 1=1--", "<img src=x onerror=alert(1)>", "../../config.xml",
            "%00", "\u0000", "\u202Eevil", "x".repeat(5000), "-1", "0", "1e3", "99999999999999999999", "NaN", "${jndi:ldap://x}");
    @TempDir
    static Path dir;
    private static TestService service;
    private static JsonNode spec;
    private static final List<String> RUN_IDS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dir);
        for (int build = 1; build <= 4; build++) {
            // build 1 is what the plain valid upload sends again: it must come back 200 with the same id
            HttpResponse<String> r = service.upload("shop", build, SampleRuns.json(SampleRuns.passed("checkout", 40 + build, build)));
            RUN_IDS.add(JSON.readTree(r.body()).get("id").asText());
        }
        HttpResponse<String> failed = service.upload("<img src=x onerror=alert(1)>", 1, SampleRuns.json(
                SampleRuns.run("checkout", 90, 30, 50, 9, RunStatus.INTERRUPTED, false)));
        RUN_IDS.add(JSON.readTree(failed.body()).get("id").asText());
        spec = JSON.readTree(service.get("/api/v1/openapi.json").body());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void shouldAnswerEveryOperationOnlyAsDocumentedWithBodiesMatchingTheirSchemas() throws Exception {
        Random random = new Random(20261123);
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, Integer>> seen = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                    HttpRequest request = request(path.getKey(), op.getKey(), op.getValue(), i == 0 ? null : random);
                    HttpResponse<String> response = service.send(HttpRequest.newBuilder(request, (n, v) -> true));
                    seen.computeIfAbsent(name, k -> new TreeMap<>()).merge(response.statusCode(), 1, Integer::sum);
                    check(name, request, response, op.getValue(), problems);
                }
            }
        }

        assertThat(problems).as("answers that break the OpenAPI document").isEmpty();
        assertThat(seen.keySet()).as("every operation was exercised").hasSize(11);
        seen.forEach((operation, statuses) -> {
            assertThat(statuses.keySet()).as(operation + ": " + statuses).anyMatch(s -> s < 300);
            if (!operation.endsWith("/health") && !operation.endsWith("/openapi.json") && !operation.endsWith("/jobs")) {
                assertThat(statuses.keySet()).as(operation + " refuses some of the bad input: " + statuses).anyMatch(s -> s >= 400);
            }
        });
    }

    @Test
    void shouldAnswerTheContainersOwnRefusalsAsJsonErrorsToo() throws Exception {
        HttpResponse<String> nul = service.get("/api/v1/runs/%00");
        HttpResponse<String> longUri = service.get("/api/v1/jobs/" + "x".repeat(10_000) + "/runs");

        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(nul.body()).get("error").asText()).isEqualTo("bad_request");
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(JSON.readTree(longUri.body()).get("error").asText()).isEqualTo("uri_too_long");
        assertThat(schema(spec.at("/components/responses/E414")).validate(JSON.readTree(longUri.body()))).isEmpty();
    }

    @Test
    void shouldCatchAnAnswerThatBreaksItsSchema() {
        JsonNode receipt = JSON.createObjectNode().put("id", "x").put("outcome", "shipped");

        assertThat(schema(spec.at("/paths/~1runs/post/responses/201")).validate(receipt)).as("the checker can fail").isNotEmpty();
    }

    private static void check(String operation, HttpRequest request, HttpResponse<String> response, JsonNode op,
                              List<String> problems) throws Exception {
        String where = operation + " " + abbreviated(request.uri().toString()) + " -> " + response.statusCode();
        if (response.statusCode() >= 500) {
            problems.add(where + ": a server error: " + response.body());
            return;
        }
        JsonNode documented = op.path("responses").path(String.valueOf(response.statusCode()));
        if (documented.isMissingNode()) {
            problems.add(where + ": status not documented for the operation: " + abbreviated(response.body()));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(where + ": not JSON: " + abbreviated(response.body()));
            return;
        }
        Set<ValidationMessage> errors = schema(documented).validate(body);
        if (!errors.isEmpty()) {
            problems.add(where + ": " + errors + " in " + abbreviated(response.body()));
        }
    }

    /**
     * The schema of a documented response, with the document's components beside it so its $refs reach them
     * ({@code components} is declared a non-validating keyword: it only holds what the $refs point at).
     */
    private static JsonSchema schema(JsonNode response) {
        if (response.has("$ref")) {
            response = spec.at(response.get("$ref").asText().substring(1));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", spec.get("components"));
        root.setAll((ObjectNode) response.at("/content/application~1json/schema"));
        return SCHEMAS.getSchema(root);
    }

    /** A request to the operation: with {@code random} null the plain valid one, else a random mix of good and bad. */
    private static HttpRequest request(String template, String method, JsonNode op, Random random) {
        String path = template;
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode p : op.path("parameters")) {
            String name = p.get("name").asText();
            boolean required = p.path("required").asBoolean();
            boolean inPath = p.get("in").asText().equals("path");
            if (!inPath && (random == null ? !required : !required && random.nextInt(3) == 0 || required && random.nextInt(12) == 0)) {
                continue;
            }
            String value = value(name, random);
            switch (p.get("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", encode(value.isEmpty() ? "x" : value).replace("+", "%20"));
                case "header" -> headers.put(name, value.replaceAll("[\\p{Cntrl}\\u202E]", ""));
                default -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(value));
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url("/api/v1" + path + query))).timeout(TestService.TIMEOUT);
        headers.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.header(k, v);
            }
        });
        if (method.equals("post")) {
            int auth = random == null ? 5 : random.nextInt(6);
            if (auth > 0) {
                b.header("Authorization", "Bearer " + (auth == 1 ? service.readToken : auth == 2 ? "sgt_nonsense" : service.writeToken));
            }
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(random == null
                    ? SampleRuns.json(SampleRuns.passed("checkout", 41, 1)) : body(random)));
        } else {
            b.GET();
        }
        return b.build();
    }

    /** A value for the parameter: with {@code random} null its first good one, else good or hostile at random. */
    private static String value(String parameter, Random random) {
        if (random != null && random.nextInt(3) == 0) {
            return HOSTILE.get(random.nextInt(HOSTILE.size()));
        }
        List<String> good = switch (parameter) {
            case "job" -> List.of("shop", "shop", "<img src=x onerror=alert(1)>", "no-such-job");
            case "build", "before" -> List.of("1", "2", "4", "5", "9007199254740993");
            case "id", "a", "b" -> RUN_IDS;
            case "scenario" -> List.of("checkout", "no-such-scenario");
            case "metric" -> List.of("p95", "p95,rps,errorRate", "bogus");
            case "last", "limit" -> List.of("1", "3", "100", "5000", "5001");
            case "order" -> List.of("build", "received", "size");
            case "branch", "commit" -> List.of("main", "feature/x");
            case "ciUrl" -> List.of("https://ci.example/job/shop/1/", "javascript:alert(1)", "ftp://x");
            case "sentAt" -> List.of("2026-11-23T12:00:00Z", "1970-01-01T00:00:00Z", "yesterday");
            case "Idempotency-Key" -> List.of("key-1", "has spaces");
            case "Content-Encoding" -> List.of("identity", "gzip", "br");
            default -> List.of("x");
        };
        return random == null ? good.get(0) : good.get(random.nextInt(good.size()));
    }

    private static byte[] body(Random random) {
        byte[] valid = SampleRuns.json(SampleRuns.passed("checkout", 45, random.nextInt(3)));
        return switch (random.nextInt(5)) {
            case 0 -> "{not json".getBytes(StandardCharsets.UTF_8);
            case 1 -> java.util.Arrays.copyOf(valid, valid.length / 2);
            case 2 -> {
                ObjectNode tree = ResultsJson.writer().valueToTree(SampleRuns.passed("checkout", 45, 1));
                tree.put("durationMs", -5);
                yield tree.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> valid;
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
