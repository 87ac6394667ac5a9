package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final ReportWriter WRITER = new ReportWriter();
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryOutputFileIntoADirectoryItCreates() throws Exception {
        Path out = dir.resolve("build/stressgate");

        var written = WRITER.write(ReportFixtures.run(), out);

        assertThat(written).containsExactly(out.resolve("results.json"), out.resolve("junit.xml"), out.resolve("summary.md"),
                out.resolve("report.html"), out.resolve("metrics.csv"));
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile().isNotEmptyFile());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).as("no temporary file is left behind").hasSize(5);
        }
    }

    @Test
    void shouldWriteResultsThatReadBackEqualThroughTheStrictReader() throws Exception {
        RunResults run = ReportFixtures.run();

        WRITER.write(run, dir);

        assertThat(new ResultsReader().read(dir.resolve(ReportWriter.RESULTS))).isEqualTo(run);
    }

    @Test
    void shouldReadBackUnackedTasksNeverSeenKeysUnidentifiedSubmitsAndFailedIds() throws Exception {
        RunResults run = ReportFixtures.run().toBuilder()
                .queues(java.util.Map.of("celery", new io.stressgate.engine.result.QueueSummary("celery", "celery", 40, 0,
                        null, false, 50, java.util.List.of(), false, 4L, 4L)))
                .jobs(new io.stressgate.engine.result.JobsSummary(10, 6, 2, 2, 0, 0, 0, null, null, java.util.Map.of(),
                        java.util.List.of(), 3L, "202 from create had no value at /id (body starts: {})",
                        java.util.List.of("t-1", "t-2"), 1L))
                .build();

        WRITER.write(run, dir);

        assertThat(new ResultsReader().read(dir.resolve(ReportWriter.RESULTS))).isEqualTo(run);
    }

    @Test
    void shouldWriteTheSameTextTheRenderersGive() throws Exception {
        RunResults run = ReportFixtures.run();

        WRITER.write(run, dir);

        assertThat(dir.resolve(ReportWriter.SUMMARY)).hasContent(new SummaryReport().render(run));
        assertThat(dir.resolve(ReportWriter.JUNIT)).hasContent(new JunitReport().render(run));
        assertThat(dir.resolve(ReportWriter.METRICS)).hasContent(new CsvReport().render(run.samples()));
    }

    @Test
    void shouldWriteNoMetricsCsvWhenTheRunSampledNothing() throws Exception {
        var written = WRITER.write(ReportFixtures.loadOnly(), dir);

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("results.json", "junit.xml", "summary.md", "report.html");
        assertThat(dir.resolve(ReportWriter.METRICS)).doesNotExist();
    }

    @Test
    void shouldReplaceFilesOfAnEarlierRun() throws Exception {
        WRITER.write(ReportFixtures.run(), dir);

        WRITER.write(ReportFixtures.interrupted(), dir);

        assertThat(new ResultsReader().read(dir.resolve(ReportWriter.RESULTS))).isEqualTo(ReportFixtures.interrupted());
        assertThat(Files.readString(dir.resolve(ReportWriter.SUMMARY))).contains("Incomplete run (INTERRUPTED)");
    }

    @Test
    void shouldReplaceALinkInTheDirectoryInsteadOfWritingThroughIt() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve(ReportWriter.HTML), victim);

        WRITER.write(ReportFixtures.run(), out);

        assertThat(victim).hasContent("keep me");
        assertThat(Files.isSymbolicLink(out.resolve(ReportWriter.HTML))).isFalse();
        assertThat(out.resolve(ReportWriter.HTML)).isRegularFile();
    }

    @Test
    void shouldReplaceAPassedRunsOutputsWithStandInsThatReadAsNotFinished() throws Exception {
        RunResults passed = ReportFixtures.run();
        WRITER.write(passed, dir);
        Files.createDirectories(dir.resolve("services")).resolve("api.log").toFile().createNewFile();
        Files.createSymbolicLink(dir.resolve("services/outside"), Files.writeString(dir.resolveSibling(dir.getFileName() + "-keep"), "x"));
        RunResults standIn = passed.toBuilder().runId("next-run").status(RunStatus.RUNNING, "has not finished").gates(List.of()).build();

        WRITER.startRun(standIn, dir);

        RunResults read = new ResultsReader().read(dir.resolve(ReportWriter.RESULTS));
        assertThat(read.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(read.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(Files.readString(dir.resolve(ReportWriter.JUNIT))).contains("<failure type=\"running\"", "next-run")
                .doesNotContain(passed.runId());
        assertThat(Files.readString(dir.resolve(ReportWriter.SUMMARY))).contains("Incomplete run (RUNNING)").doesNotContain("PASSED");
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML))).contains("next-run").doesNotContain(passed.runId());
        assertThat(dir.resolve(ReportWriter.METRICS)).doesNotExist();
        assertThat(dir.resolve(ReportWriter.SERVICES)).doesNotExist();
        assertThat(dir.resolveSibling(dir.getFileName() + "-keep")).as("a link is removed, not followed").hasContent("x");
    }

    @Test
    void shouldRefuseStandInsThatAreNotRunning() {
        assertThatThrownBy(() -> WRITER.startRun(ReportFixtures.run(), dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RUNNING");
    }

    @Test
    void shouldFailNamingReportHtmlWhenThePageWrittenBesideResultsJsonCannotBeWritten() throws Exception {
        Files.createDirectories(dir.resolve(ReportWriter.HTML).resolve("inside"));

        assertThatThrownBy(() -> WRITER.write(ReportFixtures.run(), dir)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("report.html").hasMessageContaining("a directory is in the way");
        assertThat(dir.resolve(ReportWriter.RESULTS)).as("the other files are still written").isRegularFile();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void shouldFailNamingTheFileWhenBothThreadsFail() throws Exception {
        Files.createDirectories(dir.resolve(ReportWriter.HTML).resolve("inside"));
        Files.createDirectories(dir.resolve(ReportWriter.RESULTS).resolve("inside"));

        assertThatThrownBy(() -> WRITER.write(ReportFixtures.run(), dir)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("results.json")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("report.html")));
    }
}
