package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/checks/security.yml (seed 004's security table as checks) against two loopback stand-ins for the seed's
 * task API: one that validates its input as the seed's did, which passes, and one that accepts everything, whose
 * run the checks fail row by row.
 */
class SecurityChecksExampleIT {
    private static final Path EXAMPLE = Path.of("..", "examples", "checks", "security.yml").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_LIMIT = 16 * 1024;
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

    /** The seed's API: FastAPI-style validation answering 422 with a detail, 413 over the body limit. */
    private static void validating(HttpExchange exchange) throws IOException {
        long length = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length") == null ? "0"
                : exchange.getRequestHeaders().getFirst("Content-Length"));
        if (length > BODY_LIMIT) {
            answer(exchange, 413, "{\"detail\":\"request body larger than " + BODY_LIMIT + " bytes\"}");
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in.readNBytes(BODY_LIMIT));
        } catch (IOException e) {
            answer(exchange, 422, "{\"detail\":[{\"msg\":\"invalid JSON\"}]}");
            return;
        }
        String problem = problem(body);
        if (problem != null) {
            answer(exchange, 422, "{\"detail\":[{\"msg\":" + JSON.writeValueAsString(problem) + "}]}");
            return;
        }
        answer(exchange, 201, "{\"task_id\":\"" + UUID.randomUUID() + "\",\"status\":\"queued\"}");
    }

    private static String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "expected an object";
        }
        if (!body.path("amount").isNumber() || body.path("amount").asDouble() <= 0) {
            return "amount must be a positive number";
        }
        if (!body.path("rate").isNumber()) {
            return "rate must be a number";
        }
        if (!body.path("years").isInt() || body.path("years").asInt() <= 0) {
            return "years must be a positive integer";
        }
        if (body.has("priority") && !PRIORITIES.contains(body.path("priority").asText())) {
            return "priority must be one of " + PRIORITIES;
        }
        return null;
    }

    /** An API without validation: takes anything, echoes it back. */
    private static void naive(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        answer(exchange, 201, "{\"task_id\":\"1\",\"echo\":" + JSON.writeValueAsString(body.length() > 200 ? "" : body) + "}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Request-ID", Long.toHexString(IDS.incrementAndGet()));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    private static RunResults run(TestTarget target, Path dir) throws Exception {
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS).load(EXAMPLE);
        RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 1)).start(scenario, LoadListener.NONE).await();
        return r;
    }

    private static GateResult gate(RunResults r, String expression) {
        return r.gates().stream().filter(g -> g.expression().equals(expression)).findFirst().orElseThrow();
    }

    private static CheckSummary check(RunResults r, String request, String name) {
        return r.checks().stream().filter(c -> c.request().equals(request) && c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassEveryRowOfTheSeedsSecurityTableOnAnApiThatValidates(@TempDir Path dir) throws Exception {
        RunResults r;
        try (TestTarget target = TestTarget.start(SecurityChecksExampleIT::validating, 8)) {
            r = run(target, dir);
        }

        assertThat(r.gates()).allSatisfy(g -> assertThat(g.passed()).as(g.expression() + ": " + g.message()).isTrue());
        assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
        for (String row : new String[] {"sql-injection", "xss", "command-injection", "invalid-json", "missing-fields",
                "negative-amount", "invalid-priority"}) {
            assertThat(check(r, row, "rejected-422")).as(row).extracting(CheckSummary::passes, CheckSummary::fails).containsExactly(20L, 0L);
        }
        assertThat(check(r, "oversized", "rejected-413").passes()).isEqualTo(20);
        assertThat(check(r, "valid", "has-task-id").passes()).isEqualTo(20);
        assertThat(check(r, "xss", "not-reflected").passes()).isEqualTo(20);
    }

    @Test
    void shouldFailRowByRowOnAnApiThatAcceptsEverythingAndShowItInTheReports(@TempDir Path dir) throws Exception {
        RunResults r;
        try (TestTarget target = TestTarget.start(SecurityChecksExampleIT::naive, 8)) {
            r = run(target, dir);
        }

        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        GateResult rejected = gate(r, "checks{name=rejected-422}.rate == 100%");
        assertThat(rejected.passed()).isFalse();
        assertThat(rejected.actual()).isEqualTo(0.0);
        assertThat(gate(r, "checks{name=rejected-413}.rate == 100%").passed()).isFalse();
        assertThat(gate(r, "checks{name=not-reflected}.fails == 0").passed()).as("the echoed <script>").isFalse();
        assertThat(gate(r, "checks{name=accepted}.rate == 100%").passed()).isTrue();
        assertThat(check(r, "sql-injection", "rejected-422")).extracting(CheckSummary::passes, CheckSummary::fails).containsExactly(0L, 20L);
        assertThat(r.load().get("sql-injection").errors()).as("counted checks do not fail the request").isZero();

        new ReportWriter().write(r, dir);
        String summary = java.nio.file.Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("| sql-injection | rejected-422 | status in 422 | counted | 0 | 20 | 0% |");
        assertThat(java.nio.file.Files.readString(dir.resolve("report.html"))).contains("rejected-422", "status in 422");
    }
}
