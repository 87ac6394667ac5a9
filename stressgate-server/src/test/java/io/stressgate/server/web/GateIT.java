package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release gate fails closed: it says PASSED only for complete runs that hold their gates and did not regress. */
class GateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private TestService service;

    @BeforeEach
    void start() {
        service = TestService.start(dir);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> gate(String query) throws Exception {
        return service.get("/api/v1/jobs/shop/gate" + query);
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private void passedBuilds(int count) throws Exception {
        for (int build = 1; build <= count; build++) {
            assertThat(service.upload("shop", build, SampleRuns.json(SampleRuns.passed("checkout", 40, build))).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void shouldFailAnUnknownJobOrBuild() throws Exception {
        HttpResponse<String> unknownJob = gate("?build=1");
        passedBuilds(1);
        HttpResponse<String> unknownBuild = gate("?build=2");

        assertThat(unknownJob.statusCode()).isEqualTo(404);
        assertThat(json(unknownJob).get("verdict").asText()).isEqualTo("FAILED");
        assertThat(unknownBuild.statusCode()).isEqualTo(404);
        assertThat(json(unknownBuild).get("verdict").asText()).isEqualTo("FAILED");
        assertThat(json(unknownBuild).get("reasons").get(0).asText()).contains("no run of build 2 of job shop is stored");
        assertThat(gate("").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldPassAFirstBuildSayingThereIsNoBaseline() throws Exception {
        passedBuilds(1);

        JsonNode answer = json(gate("?build=1"));

        assertThat(answer.get("verdict").asText()).isEqualTo("PASSED");
        assertThat(answer.get("reasons").get(0).asText()).contains("no baseline: build 1 is the first", "not a failure");
        assertThat(answer.get("runs").get(0).get("regression").get("hasBaseline").asBoolean()).isFalse();
    }

    @Test
    void shouldMarkARegressionAgainstTheLastPassedBuildsWithEveryReason() throws Exception {
        passedBuilds(5);
        service.upload("shop", 6, SampleRuns.json(SampleRuns.passed("checkout", 60, 6)));

        JsonNode answer = json(gate("?build=6"));

        assertThat(answer.get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(answer.get("reasons").toString()).contains("checkout: regression gate http.p95", "Mann-Whitney");
        JsonNode run = answer.get("runs").get(0);
        assertThat(run.get("ownVerdict").asText()).isEqualTo("PASSED");
        assertThat(run.get("regression").get("baselineBuilds").toString()).isEqualTo("[5,4,3,2,1]");
        assertThat(run.get("gates").findValuesAsText("source")).contains("scenario", "regression");
    }

    @Test
    void shouldFailAnIncompleteRunAndAMissingRequiredScenario() throws Exception {
        passedBuilds(2);
        service.upload("shop", 3, SampleRuns.json(SampleRuns.run("checkout", 40, 30, 50, 3, RunStatus.INTERRUPTED, true)));

        JsonNode incomplete = json(gate("?build=3"));
        JsonNode missing = json(gate("?build=2&scenario=checkout&scenario=search"));

        assertThat(incomplete.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(incomplete.get("reasons").get(0).asText()).contains("did not complete (INTERRUPTED: stopped early)");
        assertThat(missing.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(missing.get("reasons").get(0).asText()).isEqualTo("search: required, but build 2 has no run of it");
    }

    @Test
    void shouldAnswer503AndNeverPassWhenTheStoreIsDown() throws Exception {
        passedBuilds(1);
        service.database().close();

        HttpResponse<String> answer = gate("?build=1");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.body()).doesNotContain("PASSED");
        assertThat(service.get("/api/v1/health").statusCode()).isEqualTo(503);
        assertThat(service.upload("shop", 2, SampleRuns.json(SampleRuns.passed("checkout", 40, 2))).statusCode()).isEqualTo(503);
    }
}
