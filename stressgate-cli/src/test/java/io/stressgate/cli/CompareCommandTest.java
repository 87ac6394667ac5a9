package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path write(String name, double p95, double rps) throws Exception {
        return write(name, "checkout", p95, rps);
    }

    private Path write(String name, String scenario, double p95, double rps) throws Exception {
        LatencyMs l = new LatencyMs(p95 / 2, p95 * 0.9, p95, p95 * 1.5, p95 * 2, p95 * 3, 1, p95 / 2, 3);
        LoadSummary all = new LoadSummary(1000, 0, 0, 0, rps, 0, 1000, l, Map.of("200", 1000L), Map.of(), 0, null);
        RunResults r = new RunResults.Builder().runId(name).scenario(new ScenarioInfo(scenario, null, "c.yml", null, null))
                .startedAt(Instant.parse("2026-11-01T10:00:00Z")).durationMs(10_000).load(Map.of(RunResults.ALL, all)).build();
        Path runDir = Files.createDirectories(dir.resolve(name));
        ResultsJson.write(r, runDir.resolve("results.json"));
        return runDir;
    }

    private int compare(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "compare";
        System.arraycopy(args, 0, full, 1, args.length);
        return StressGateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(full);
    }

    @Test
    void shouldShowControlCharactersTakenFromResultsAsCodePointsInsteadOfPrintingThem() throws Exception {
        // what results.json may hold: line breaks, tabs, C1 controls (U+009B is a terminal's CSI), bidi overrides
        Path a = write("a", "check\u009b2Jout\nregression verdict: PASSED\u202e", 40, 100);
        Path b = write("b", "checkout", 41, 99);

        int code = compare(a.toString(), b.toString());

        String printed = out.toString();
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(printed).contains("check[U+009B]2Jout[U+000A]regression verdict: PASSED[U+202E]")
                .doesNotContain("\u009b", "\u202e", "\nregression verdict: PASSED\u202e");
    }

    @Test
    void shouldExitZeroAndPrintTheDeltasWhenNothingRegressed() throws Exception {
        Path a = write("a", 40, 100);
        Path b = write("b", 41, 99);

        int code = compare(a.toString(), b.resolve("results.json").toString());

        assertThat(code).isEqualTo(ExitCodes.PASSED);
        assertThat(out.toString()).contains("http.p95", "40ms", "41ms", "+2.5%", "+10%", "regression verdict: PASSED");
    }

    @Test
    void shouldExitThreeForARegressionOfUnstableSeverityAndOneForFail() throws Exception {
        Path a = write("a", 40, 100);
        Path b = write("b", 50, 100);

        int unstable = compare(a.toString(), b.toString());
        int failed = compare("--severity", "fail", a.toString(), b.toString());

        assertThat(unstable).isEqualTo(ExitCodes.UNSTABLE);
        assertThat(failed).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("REGRESSION", "+25.0%", "too few intervals", "regression in http.p95");
    }

    @Test
    void shouldHonourALooserLimit() throws Exception {
        Path a = write("a", 40, 100);
        Path b = write("b", 50, 100);

        assertThat(compare("--latency-increase", "30%", a.toString(), b.toString())).isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void shouldExitTwoForAMissingOrInvalidFileAndABadOption() throws Exception {
        Path a = write("a", 40, 100);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\":\"stressgate.results/9\"}");

        assertThat(compare(a.toString(), dir.resolve("nope").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(compare(a.toString(), broken.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(compare("--latency-increase", "lots", a.toString(), a.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no such file", "/schema", "not a supported version", "not a percentage");
    }
}
