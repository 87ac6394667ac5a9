package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDigestTest {
    @Test
    void shouldReturnTheKeyFiguresToTheScriptAsStringsAndNumbers() {
        LinkedHashMap<String, Object> result = RunDigest.of(Runs.unstable()).stepResult("https://ci/job/p/3/stressgate/1/");

        assertThat(result).containsExactly(Map.entry("verdict", "UNSTABLE"), Map.entry("p95", 95.5), Map.entry("p99", 180.25),
                Map.entry("rps", 333.3), Map.entry("errorRate", 0.0012), Map.entry("lostJobs", 2L), Map.entry("orphans", 1),
                Map.entry("reportUrl", "https://ci/job/p/3/stressgate/1/"), Map.entry("runCookie", Runs.COOKIE));
        assertThat(result.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Number.class, Boolean.class));
    }

    @Test
    void shouldShowTheFiguresInTheUnitsTheGatesUse() {
        assertThat(RunDigest.of(Runs.passed()).figures()).containsExactly(Map.entry("p95", "95.5ms"),
                Map.entry("p99", "180.25ms"), Map.entry("throughput", "333.3/s"), Map.entry("errors", "0.12%"),
                Map.entry("lost jobs", "2"), Map.entry("orphans", "1"));
    }

    @Test
    void shouldLeaveOutFiguresThatWereNotMeasured() {
        LoadSummary none = new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, null);
        RunResults run = Runs.builder().load(Map.of(RunResults.ALL, none)).jobs(null).runCookie(null).build();

        assertThat(RunDigest.of(run).stepResult(null)).containsOnlyKeys("verdict", "rps", "errorRate", "orphans");
        assertThat(RunDigest.of(run).figures()).containsOnlyKeys("throughput", "errors", "orphans");
    }

    @Test
    void shouldBeSerializableSoThePipelineCanKeepIt() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(RunDigest.of(Runs.passed()).stepResult("u"));
        }
    }

    @Test
    void shouldListBrokenGatesAndMakeTheScenarioNameSafe() {
        RunResults run = Runs.builder().scenario(new ScenarioInfo("a\u202Eb\n<script>", null, null, null, null))
                .gates(Runs.failed().gates()).build();

        RunDigest digest = RunDigest.of(run);

        assertThat(digest.scenario()).isEqualTo("a[U+202E]b[U+000A]<script>");
        assertThat(digest.brokenGates()).hasSize(2).allSatisfy(g -> assertThat(g).contains("broken"));
        assertThat(digest.verdict()).isEqualTo("FAILED");
    }
}
