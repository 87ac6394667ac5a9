package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid upload with thousands of endpoints must not make every view of it pay for all of them: the run's API view
 * and page hold the totals, the busiest endpoints and one page of the list, the same for 5,000 endpoints as for 200.
 */
class LargeRunViewIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static TestService service;
    private static String small;
    private static String large;
    private static String redirected;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dir);
        small = id(service.upload("shop", 1, SampleRuns.json(withEndpoints(200))));
        large = id(service.upload("shop", 2, SampleRuns.json(withEndpoints(5_000))));
        redirected = id(service.upload("shop", 3, SampleRuns.json(withRedirects())));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static RunResults withEndpoints(int count) {
        RunResults base = SampleRuns.passed("checkout", 40, 7);
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, base.all());
        LatencyMs l = new LatencyMs(30, 35, 40, 45, 50, 60, 20, 32, 5);
        for (int i = 0; i < count; i++) {
            load.put(String.format("GET /items/%05d", i), new LoadSummary(1 + i % 7, 0, 0, 0, 0.1, 0, 1 + i % 7, l,
                    Map.of("200", 1L + i % 7), Map.of(), 100, null));
        }
        return base.toBuilder().load(load).build();
    }

    /** Two endpoints, of which the download followed one redirect (to its storage URL) on each of its 9 requests. */
    private static RunResults withRedirects() {
        RunResults base = SampleRuns.passed("checkout", 40, 7);
        LatencyMs l = new LatencyMs(30, 35, 40, 45, 50, 60, 20, 32, 5);
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, base.all());
        load.put("GET /download-url", new LoadSummary(9, 0, 0, 0, 0.3, 0, 9, l, Map.of("200", 9L), Map.of(), 900, 900, null, 0));
        load.put("GET /download", new LoadSummary(9, 0, 0, 0, 0.3, 0, 9, l, Map.of("200", 9L), Map.of(), 9_000, 9_000, null, 9));
        return base.toBuilder().load(load).build();
    }

    private static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static int rows(String html, String table) {
        Matcher m = Pattern.compile("<table class=\"" + table + "\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("table " + table).isTrue();
        return m.group(1).split("<tr>", -1).length - 2; // the header row and the text before it
    }

    @Test
    void shouldAnswerTheRunApiWithTheSameBoundedViewFor5000EndpointsAsFor200() throws Exception {
        HttpResponse<String> smallView = service.get("/api/v1/runs/" + small);
        HttpResponse<String> largeView = service.get("/api/v1/runs/" + large);

        JsonNode view = JSON.readTree(largeView.body());
        assertThat(view.get("results").get("load").size()).isEqualTo(1 + 20);
        assertThat(view.get("endpoints").get("total").asInt()).isEqualTo(5_000);
        assertThat(view.get("endpoints").get("pages").asInt()).isEqualTo(50);
        assertThat(largeView.body().length()).isLessThan(smallView.body().length() * 11 / 10);
    }

    @Test
    void shouldPageTheEndpointsInTheApiAHundredAtATime() throws Exception {
        JsonNode last = JSON.readTree(service.get("/api/v1/runs/" + large + "/endpoints?page=50").body());
        JsonNode past = JSON.readTree(service.get("/api/v1/runs/" + large + "/endpoints?page=51").body());

        assertThat(last.get("endpoints").size()).isEqualTo(100);
        assertThat(last.get("endpoints").get(99).get("name").asText()).isEqualTo("GET /items/04999");
        assertThat(past.get("endpoints").size()).isZero();
        assertThat(past.get("total").asInt()).isEqualTo(5_000);
        assertThat(JSON.readTree(service.get("/api/v1/runs/" + large + "/results").body()).get("load").size()).isEqualTo(5_001);
    }

    @Test
    void shouldShowOnePageOfEndpointsWithAPagerOnTheRunPage() throws Exception {
        String first = service.get("/runs/" + large).body();
        String second = service.get("/runs/" + large + "?endpoints=2").body();

        assertThat(rows(first, "endpoints")).isEqualTo(100);
        assertThat(first).contains("Endpoints (5000)", "page 1 of 50", "?endpoints=2\">next</a>").doesNotContain("GET /items/00100");
        assertThat(second).contains("GET /items/00100", "GET /items/00199", "page 2 of 50").doesNotContain("GET /items/00200");
        assertThat(first.length()).isLessThan(service.get("/runs/" + small).body().length() * 3 / 2);
    }

    @Test
    void shouldShowTheRedirectsEachEndpointFollowedOnlyForARunThatFollowedAny() throws Exception {
        String withRedirects = service.get("/runs/" + redirected).body();
        String without = service.get("/runs/" + small).body();

        assertThat(withRedirects).contains("<th>redirects</th>")
                .containsPattern("<td>GET /download-url</td>(<td>[^<]*</td>){6}<td>0</td></tr>")
                .containsPattern("<td>GET /download</td>(<td>[^<]*</td>){6}<td>9</td></tr>");
        assertThat(without).contains("<table class=\"endpoints\">").doesNotContain("<th>redirects</th>");
    }
}
