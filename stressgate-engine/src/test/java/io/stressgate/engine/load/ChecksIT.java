package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import io.stressgate.engine.testing.TestTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks on a real loopback target whose two answers are known: every kind counted exactly per request name, a
 * failing check that only counts versus one that fails its request, and gates over checks.
 */
class ChecksIT {
    private static final String CHECKS = """
            - {name: is-200, status: 200}
            - {name: request-id, header: X-Request-ID}
            - {name: no-debug, header: X-Debug, exists: false}
            - {name: json-type, header: content-type, matches: "^application/json"}
            - {name: request-id-value, header: X-Request-ID, equals: abc-123}
            - {name: has-id, json: /id}
            - {name: no-error, json: /error, exists: false}
            - {name: queued, json: /status, equals: queued}
            - {name: five, json: /n, equals: "5"}
            - {name: id-shape, json: /id, matches: "^[0-9a-f]+$"}
            - {name: says-queued, bodyContains: queued}
            - {name: traceback, bodyMatches: "(?i)traceback"}
            - {name: small, maxSize: 64B}
            - {name: not-empty, minSize: 1B}
            """;

    private static void answer(HttpExchange exchange) throws IOException {
        boolean ok = exchange.getRequestURI().getPath().equals("/ok");
        byte[] body = (ok ? "{\"id\":\"7f3a\",\"status\":\"queued\",\"n\":5}" : "Traceback (most recent call last): boom")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", ok ? "application/json" : "text/plain");
        if (ok) {
            exchange.getResponseHeaders().set("X-Request-ID", "abc-123");
        }
        exchange.sendResponseHeaders(ok ? 200 : 500, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RunResults run(String url, Path dir) throws Exception {
        var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", url)), ScenarioLimits.DEFAULTS).parse("checks.yml", """
                name: checks
                target: ${TARGET}
                load:
                  - name: good
                    executor: burst
                    count: 10
                    request:
                      name: ok
                      path: /ok
                      checks:
                """ + CHECKS.indent(8) + """
                  - name: broken
                    executor: burst
                    count: 6
                    request:
                      name: bad
                      path: /bad
                      expect: [500]
                      checks:
                """ + CHECKS.indent(8) + """
                  - name: strict
                    executor: burst
                    count: 4
                    requests:
                      - name: strict
                        path: /bad
                        expect: [500]
                        checks: [{name: must-be-200, status: 200, failRequest: true}, {name: counted, status: 200}]
                      - name: after
                        path: /ok
                        checks: [{name: after-ok, status: 200}]
                gates:
                  - "checks{request=ok,name=has-id}.rate > 99%"
                  - "checks{name=has-id}.rate > 99%"
                  - "checks{request=ok}.fails == 10"
                  - "checks{request=bad}.passes == 30"
                  - "checks{name=after-ok}.runs > 0"
                  - "http{name=strict}.errors == 4"
                """, Path.of("."));
        return new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 1)).start(scenario, LoadListener.NONE).await();
    }

    private static Map<String, String> counts(RunResults r, String request) {
        return r.checks().stream().filter(c -> c.request().equals(request))
                .collect(Collectors.toMap(CheckSummary::name, c -> c.passes() + "/" + c.fails(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static GateResult gate(RunResults r, String expression) {
        return r.gates().stream().filter(g -> g.expression().equals(expression)).findFirst().orElseThrow();
    }

    @Test
    void shouldCountEveryKindOfCheckPerRequestNameAndFailOnlyTheRequestsWhoseSeverityAsksForIt(@TempDir Path dir) throws Exception {
        RunResults r;
        try (TestTarget target = TestTarget.start(ChecksIT::answer, 4)) {
            r = run(target.url(), dir);
            assertThat(target.served()).as("the flow stops at the failed request: no /ok after /bad").isEqualTo(10 + 6 + 4);
        }

        assertThat(counts(r, "ok")).as("passes/fails of the JSON answer").containsExactly(
                Map.entry("is-200", "10/0"), Map.entry("request-id", "10/0"), Map.entry("no-debug", "10/0"),
                Map.entry("json-type", "10/0"), Map.entry("request-id-value", "10/0"), Map.entry("has-id", "10/0"),
                Map.entry("no-error", "10/0"), Map.entry("queued", "10/0"), Map.entry("five", "10/0"),
                Map.entry("id-shape", "10/0"), Map.entry("says-queued", "10/0"), Map.entry("traceback", "0/10"),
                Map.entry("small", "10/0"), Map.entry("not-empty", "10/0"));
        assertThat(counts(r, "bad")).as("passes/fails of the plain-text 500").containsExactly(
                Map.entry("is-200", "0/6"), Map.entry("request-id", "0/6"), Map.entry("no-debug", "6/0"),
                Map.entry("json-type", "0/6"), Map.entry("request-id-value", "0/6"), Map.entry("has-id", "0/6"),
                Map.entry("no-error", "6/0"), Map.entry("queued", "0/6"), Map.entry("five", "0/6"),
                Map.entry("id-shape", "0/6"), Map.entry("says-queued", "0/6"), Map.entry("traceback", "6/0"),
                Map.entry("small", "6/0"), Map.entry("not-empty", "6/0"));
        assertThat(counts(r, "strict")).containsExactly(Map.entry("must-be-200", "0/4"), Map.entry("counted", "0/4"));
        assertThat(counts(r, "after")).containsExactly(Map.entry("after-ok", "0/0"));

        assertThat(r.load().get("bad").errors()).as("failed checks without failRequest only count").isZero();
        assertThat(r.load().get("ok").errors()).isZero();
        assertThat(r.load().get("strict").errors()).as("failRequest makes the request an error").isEqualTo(4);
        assertThat(r.load().get("strict").errorKinds()).containsExactly(Map.entry("check", 4L));

        assertThat(gate(r, "checks{request=ok,name=has-id}.rate > 99%").passed()).isTrue();
        GateResult all = gate(r, "checks{name=has-id}.rate > 99%");
        assertThat(all.passed()).isFalse();
        assertThat(all.actual()).isEqualTo(10 / 16.0);
        assertThat(gate(r, "checks{request=ok}.fails == 10").passed()).isTrue();
        assertThat(gate(r, "checks{request=bad}.passes == 30").passed()).isTrue();
        GateResult never = gate(r, "checks{name=after-ok}.runs > 0");
        assertThat(never.passed()).as("no verdict on a check that never ran").isFalse();
        assertThat(never.actual()).isNull();
        assertThat(never.message()).contains("check after-ok never ran: no response was checked");
        assertThat(gate(r, "http{name=strict}.errors == 4").passed()).isTrue();
    }

    @Test
    void shouldStopTheRunWhenAnAbortOnFailGateOverChecksBreaks(@TempDir Path dir) throws Exception {
        RunResults r;
        try (TestTarget target = TestTarget.start(ChecksIT::answer, 4)) {
            var scenario = new ScenarioLoader(Variables.of(Map.of("TARGET", target.url())), ScenarioLimits.DEFAULTS).parse("abort.yml", """
                    name: abort
                    target: ${TARGET}
                    load:
                      - name: root
                        executor: constant-arrival-rate
                        rate: 50/s
                        duration: 60s
                        request: {name: bad, path: /bad, expect: [500], checks: [{name: is-200, status: 200}]}
                    gates:
                      - {expr: "checks{name=is-200}.fails == 0", abortOnFail: true, delay: 1s}
                    """, Path.of("."));
            r = new StressRunner(Clock.systemUTC(), new RunSettings("cookie", dir, 1)).start(scenario, LoadListener.NONE).await();
        }

        assertThat(r.status()).isEqualTo(io.stressgate.engine.result.RunStatus.INTERRUPTED);
        assertThat(r.statusReason()).contains("checks{name=is-200}.fails == 0").contains("abortOnFail");
        assertThat(r.durationMs()).isLessThan(20_000);
        assertThat(r.load().get("bad").errors()).as("the check only counts").isZero();
    }
}
