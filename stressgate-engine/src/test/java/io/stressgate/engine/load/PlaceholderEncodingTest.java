package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.RequestFlow;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.StatusSet;
import io.stressgate.engine.scenario.Template;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How placeholders land in a request's bytes: escaped by place, counted exactly, and without allocating. */
class PlaceholderEncodingTest {
    private static final URI TARGET = URI.create("http://127.0.0.1:8080");
    private static final Origin ORIGIN = new Origin(0, TARGET);
    private static final List<String> SLOTS = List.of("token");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void shouldEncodeAPostWithPlaceholdersWithoutAllocatingOnceWarm() {
        CompiledRequest post = request("POST", "/users/{{vu}}/orders?trace={{uuid}}&t={{token}}",
                List.of(new RequestSpec.Header("Authorization", Template.parse("Bearer {{token}}"))),
                "{\"vu\":{{vu}},\"n\":{{iteration}},\"request\":\"{{uuid}}\",\"token\":\"{{token}}\"}");
        Iteration it = iteration(42, 7, "eyJhbGciOiJIUzI1NiJ9.c3RyZXNzZ2F0ZQ.k3Xb9Q é€");
        ByteBuffer out = ByteBuffer.allocateDirect(1024);
        for (int i = 0; i < 20_000; i++) {
            out = post.write(out, it);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int requests = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < requests; i++) {
            out = post.write(out, it);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d requests", requests).isLessThan(requests);
    }

    @Test
    void shouldCountTheUtf8BytesOfNonAsciiValuesInAJsonBody() {
        String value = "café € 😀 \uD800 end"; // a lone surrogate goes out as '?', as String.getBytes writes it
        CompiledRequest post = request("POST", "/orders", List.of(), "{\"name\":\"{{token}}\",\"vu\":{{vu}}}");

        String wire = wire(post, iteration(3, 1, value), 64);

        String body = "{\"name\":\"café € 😀 ? end\",\"vu\":3}";
        assertThat(wire).endsWith("\r\n\r\n" + body)
                .contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
    }

    @Test
    void shouldEscapeAValueInAJsonBodySoItStaysOneStringAndTheDocumentStaysValid() throws Exception {
        String value = "x\", \"admin\": true, \"note\": \"\\ \n\u0001 é";
        Body json = new Body.Text(Template.parse("{\"name\":\"{{token}}\",\"vu\":\"{{vu}}\"}"), "application/json", true);
        RequestSpec spec = new RequestSpec("r", "POST", TARGET, Template.parse("/orders"), List.of(), json, Duration.ofSeconds(5),
                Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), null);

        String wire = wire(new CompiledRequest(spec, 0, ORIGIN, SLOTS, false), iteration(3, 1, value), 64);
        String body = wire.substring(wire.indexOf("\r\n\r\n") + 4);
        com.fasterxml.jackson.databind.JsonNode read = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);

        assertThat(read.size()).as(body).isEqualTo(2);
        assertThat(read.get("name").asText()).isEqualTo(value);
        assertThat(read.get("vu").asText()).isEqualTo("3");
        assertThat(wire).contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
    }

    @Test
    void shouldGrowTheBufferForAValueLongerThanIt() {
        String value = "v".repeat(10_000) + "é";
        CompiledRequest post = request("POST", "/q?x={{token}}", List.of(new RequestSpec.Header("X-Long",
                Template.parse("{{token}}"))), "[\"{{token}}\"]");

        String wire = wire(post, iteration(1, 1, value), 64);

        assertThat(wire).startsWith("POST /q?x=" + "v".repeat(10_000) + "%C3%A9 HTTP/1.1\r\n")
                .contains("\r\nX-Long: " + value + "\r\n")
                .contains("\r\nContent-Length: 10006\r\n")
                .endsWith("\r\n\r\n[\"" + value + "\"]");
    }

    @Test
    void shouldPercentEncodeReservedAndNonAsciiCharactersOfAQueryValue() {
        CompiledRequest get = request("GET", "/search?q={{token}}&vu={{vu}}", List.of(), null);

        String wire = wire(get, iteration(12, 1, "a b&c=d/?#%+é€😀~._-\uDC00"), 512);

        assertThat(wire).startsWith("GET /search?q=a%20b%26c%3Dd%2F%3F%23%25%2B%C3%A9%E2%82%AC%F0%9F%98%80~._-%3F&vu=12 HTTP/1.1\r\n");
    }

    @Test
    void shouldKeepAHeaderValueOnItsLineAndSendItsOtherCharactersAsUtf8() {
        CompiledRequest get = request("GET", "/", List.of(new RequestSpec.Header("X-Who", Template.parse("<{{token}}>"))), null);

        String wire = wire(get, iteration(1, 1, "a\r\nX-Evil: 1\u0000 é"), 512);

        assertThat(wire).contains("\r\nX-Who: <a%0D%0AX-Evil: 1%00 é>\r\n").doesNotContain("\r\nX-Evil");
    }

    @Test
    void shouldRenderTheVirtualUserIterationAndAFreshVersion4UuidForEachPlaceholder() {
        CompiledRequest get = request("GET", "/{{vu}}/{{iteration}}/{{uuid}}/{{uuid}}", List.of(), null);
        Iteration it = iteration(-9_223_372_036_854_775_808L, 1_234_567_890_123L, null);

        String wire = wire(get, it, 16);

        Matcher m = UUID_TEXT.matcher(wire);
        assertThat(wire).startsWith("GET /-9223372036854775808/1234567890123/");
        assertThat(m.find()).isTrue();
        UUID first = UUID.fromString(m.group());
        assertThat(m.find()).isTrue();
        assertThat(List.of(first.version(), first.variant())).containsExactly(4, 2);
        assertThat(m.group()).isNotEqualTo(first.toString());
    }

    @Test
    void shouldNumberVirtualUsersAndIterationsAcrossShards() {
        CompiledRequest get = request("GET", "/{{vu}}/{{iteration}}", List.of(), null);
        Iteration it = iteration(1, 10, null);
        it.phase.flow.ids = ShardRole.parse("2/3", null, 1);

        assertThat(wire(get, it, 512)).startsWith("GET /2/29 HTTP/1.1\r\n");
    }

    @Test
    void shouldSendAnEmptyRenderedBodyWithItsTypeAndALengthOfZero() {
        CompiledRequest put = request("PUT", "/x", List.of(), "{{token}}");

        assertThat(wire(put, iteration(1, 1, null), 512))
                .endsWith("\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void shouldGiveTheTargetOfARedirectOrCookieAsText() {
        CompiledRequest get = request("GET", "/a/{{token}}?v={{vu}}", List.of(), null);

        assertThat(get.target(iteration(5, 1, "x y"))).isEqualTo("/a/x%20y?v=5");
    }

    private static CompiledRequest request(String method, String path, List<RequestSpec.Header> headers, String json) {
        Body body = json == null ? Body.NONE : new Body.Text(Template.parse(json), "application/json");
        RequestSpec spec = new RequestSpec("r", method, TARGET, Template.parse(path), headers, body, Duration.ofSeconds(5),
                Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), null);
        return new CompiledRequest(spec, 0, ORIGIN, SLOTS, false);
    }

    private static Iteration iteration(long vu, long number, String token) {
        RequestSpec login = new RequestSpec("login", "POST", TARGET, Template.parse("/login"), List.of(), Body.NONE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of("token", "/token"), null);
        Iteration it = new Iteration(new IdlePhase(new CompiledFlow(new RequestFlow(List.of(login)), n -> 0,
                Map.of(TARGET.toString(), ORIGIN), null)), 1);
        it.vu = vu;
        it.number = number;
        it.vars[0] = token;
        return it;
    }

    private static String wire(CompiledRequest request, Iteration it, int capacity) {
        ByteBuffer out = request.write(ByteBuffer.allocateDirect(capacity), it);
        byte[] written = new byte[out.remaining()];
        out.get(written);
        return new String(written, StandardCharsets.UTF_8);
    }

    /** A phase that only holds the flow, so {{vu}} and {{iteration}} render as they do in a run. */
    private static final class IdlePhase extends PhaseRuntime {
        IdlePhase(CompiledFlow flow) {
            super(null, 0, flow, 0, 0, 0, 1, 0);
        }

        @Override
        void schedule(long now) {
            throw new UnsupportedOperationException("never scheduled");
        }

        @Override
        void onStop(long now) {
            throw new UnsupportedOperationException("never stopped");
        }

        @Override
        void afterIteration(Iteration it, boolean wasInterrupted, long now) {
            throw new UnsupportedOperationException("runs no iteration");
        }
    }
}
