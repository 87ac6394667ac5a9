package io.stressgate.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An external tool's phase with real child processes: a stand-in tool that writes results, fails or hangs. */
class ExternalToolIT {
    private static final Path TOOL = Path.of("src/test/resources/external/fake_tool.py").toAbsolutePath();
    private static final Path FIXTURES = Path.of("src/test/resources/imports/locust").toAbsolutePath();

    @TempDir
    Path dir;
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopWhatTheToolLeft() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private StressRun start(String phase) throws Exception {
        return start(phase, "");
    }

    /** A run of one external phase; {@code rest} is more of the scenario at the top level, such as its gates. */
    private StressRun start(String phase, String rest) throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Map<String, String> vars = new LinkedHashMap<>(Map.of("TOOL", TOOL.toString(), "FIXTURES", FIXTURES.toString()));
        return new StressRunner(Clock.systemUTC(), new RunSettings("external-" + System.nanoTime(), dir.resolve("out"), 1))
                .start(new ScenarioLoader(Variables.of(vars), ScenarioLimits.DEFAULTS).parse("tool.yml", """
                        name: external tool
                        load:
                        %s
                        orphans: {enabled: false}
                        %s""".formatted(phase.indent(2), rest), dir), LoadListener.NONE);
    }

    private RunResults run(String phase) throws Exception {
        return start(phase).await();
    }

    @Test
    void shouldReadTheResultsOfAToolThatExitsZeroAndPlaceItOnTheRunsTimeAxis() throws Exception {
        RunResults r = run("""
                - {name: locust, executor: external, duration: 5s,
                   command: [/usr/bin/python3, "${TOOL}", write, "{{out}}", "${FIXTURES}", "0"],
                   results: {format: locust, path: "{{out}}/run"}}
                """);

        assertThat(r.status()).as(r.statusReason()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.all().requests()).isEqualTo(429);
        assertThat(r.all().errors()).isEqualTo(235);
        assertThat(r.load()).containsKeys("home", "missing, with comma");
        ExternalRun e = r.external();
        assertThat(e.exitCode()).isZero();
        assertThat(e.outcome()).isEqualTo("passed");
        assertThat(e.startMs()).isNotNull().isLessThanOrEqualTo(e.endMs());
        assertThat(r.phases()).singleElement().satisfies(p -> {
            assertThat(p.executor()).isEqualTo("external");
            assertThat(p.startMs()).isEqualTo(e.startMs());
        });
        assertThat(Files.readString(dir.resolve("out").resolve(e.log()))).contains("wrote the results to");
        assertThat(e.imported().requests()).isEqualTo(429);
        assertThat(e.imported().complete()).as("no exit summary in the log to check Locust's CSV against").isFalse();
        assertThat(e.imported().reason()).contains("no summary printed at exit");
    }

    @Test
    void shouldBreakAGateOnAStatisticTheToolDidNotReportNamingTheTool() throws Exception {
        Path summary = FIXTURES.resolveSibling("k6").resolve("summary.json");
        RunResults r = start("""
                - {name: k6, executor: external, duration: 5s,
                   command: [/usr/bin/python3, "${TOOL}", copy, "%s", "{{out}}/summary.json"],
                   results: {format: k6, path: "{{out}}/summary.json"}}
                """.formatted(summary), "gates: [http.p95 < 1s, http.p99 < 1s]\n").await();

        assertThat(r.status()).as(r.statusReason()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.gates()).filteredOn(g -> g.expression().equals("http.p95 < 1s")).singleElement()
                .satisfies(g -> assertThat(g.passed()).as(g.message()).isTrue())
                .satisfies(g -> assertThat(g.actual()).isEqualTo(77.5));
        assertThat(r.gates()).filteredOn(g -> g.expression().equals("http.p99 < 1s")).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.message()).contains("p99 not given by k6");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldRecordAThresholdExitCodeAndLeaveTheVerdictToTheGates() throws Exception {
        RunResults r = run("""
                - {name: locust, executor: external, duration: 5s,
                   command: [/usr/bin/python3, "${TOOL}", write, "{{out}}", "${FIXTURES}", "1"],
                   results: {format: locust, path: "{{out}}/run"}}
                """);

        assertThat(r.status()).as(r.statusReason()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.external().exitCode()).isEqualTo(1);
        assertThat(r.external().outcome()).isEqualTo("thresholds");
        assertThat(r.external().message()).contains("uses when its own thresholds failed");
    }

    @Test
    void shouldMakeTheRunAnErrorWithTheCauseWhenTheToolFails() throws Exception {
        RunResults r = run("""
                - {name: locust, executor: external, duration: 5s, command: [/usr/bin/python3, "${TOOL}", fail, "3"],
                   results: {format: locust, path: "{{out}}/run"}}
                """);

        assertThat(r.status()).isEqualTo(RunStatus.ERROR);
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.statusReason()).contains("external tool locust failed (exit code 3)")
                .contains("Traceback: locustfile.py not found");
        assertThat(r.external().outcome()).isEqualTo("failed");
    }

    @Test
    void shouldMakeTheRunAnErrorWhenTheToolCannotStart() throws Exception {
        RunResults r = run("""
                - {name: locust, executor: external, duration: 5s, command: [/nonexistent/locust],
                   results: {format: locust, path: "{{out}}/run"}}
                """);

        assertThat(r.status()).isEqualTo(RunStatus.ERROR);
        assertThat(r.statusReason()).contains("could not be started").contains("/nonexistent/locust");
        assertThat(r.external().outcome()).isEqualTo("not-started");
    }

    @Test
    void shouldKillAToolThatOutlivesItsTimeoutWithItsChildren() throws Exception {
        long begin = System.nanoTime();
        RunResults r = run("""
                - {name: stuck, executor: external, duration: 1s, timeout: 2s,
                   command: [/usr/bin/python3, "${TOOL}", hang, "{{out}}"], results: {format: locust, path: "{{out}}/run"}}
                """);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin)).as("far below the tool's own 300 s").isLessThan(60);
        assertThat(r.status()).isEqualTo(RunStatus.ERROR);
        assertThat(r.statusReason()).contains("still ran after its timeout 2s and was stopped with its children");
        assertThat(r.external().outcome()).isEqualTo("timed-out");
        assertDead(dir.resolve("out/external/stuck/pids"));
    }

    @Test
    void shouldStopTheToolAndItsChildrenWhenTheRunIsAborted() throws Exception {
        StressRun run = start("""
                - {name: stuck, executor: external, duration: 1m,
                   command: [/usr/bin/python3, "${TOOL}", hang, "{{out}}"], results: {format: locust, path: "{{out}}/run"}}
                """);
        Path pids = dir.resolve("out/external/stuck/pids");
        for (int i = 0; i < 300 && !Files.exists(pids); i++) {
            Thread.sleep(50);
        }
        assertThat(pids).as("the tool started its child").exists();

        run.stop("aborted by the test");
        RunResults r = run.await();

        assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(r.verdict()).isNotEqualTo(Verdict.PASSED);
        assertThat(r.external().outcome()).isEqualTo("stopped");
        assertDead(pids);
    }

    @Test
    void shouldRefuseResultsAnEarlierRunLeftOutsideTheOutputFolder() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.copy(FIXTURES.resolve("run_stats.csv"), old.resolve("run_stats.csv"));
        Files.setLastModifiedTime(old.resolve("run_stats.csv"), FileTime.from(Instant.now().minusSeconds(3600)));

        RunResults r = run("""
                - {name: locust, executor: external, duration: 5s, command: [/usr/bin/python3, "${TOOL}", fail, "0"],
                   results: {format: locust, path: "%s/run"}}
                """.formatted(old));

        assertThat(r.status()).isEqualTo(RunStatus.ERROR);
        assertThat(r.statusReason()).contains("before the tool started").contains("an earlier run's, not this one's");
        assertThat(r.all().requests()).isZero();
    }

    private void assertDead(Path pidFile) throws Exception {
        String[] pids = Files.readString(pidFile).trim().split(" ");
        for (String p : pids) {
            long pid = Long.parseLong(p);
            started.add(pid);
            for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d was stopped", pid).isFalse();
        }
    }
}
