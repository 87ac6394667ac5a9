package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped early is written like any other, and every output says so before anything else. */
class InterruptedRunReportTest {
    private static final String BANNER = "Incomplete run (INTERRUPTED)";
    private static final String REASON = "stopped by SIGTERM after 21s";
    @TempDir
    Path dir;

    @Test
    void shouldSayInEveryOutputThatTheRunWasInterrupted() throws Exception {
        RunResults run = ReportFixtures.interrupted();

        new ReportWriter().write(run, dir);

        RunResults read = new ResultsReader().read(dir.resolve(ReportWriter.RESULTS));
        assertThat(read.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(read.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(read.statusReason()).isEqualTo(REASON);

        String summary = Files.readString(dir.resolve(ReportWriter.SUMMARY));
        assertThat(summary.lines().skip(2).findFirst()).as("the line right under the title")
                .hasValueSatisfying(l -> assertThat(l).startsWith("> **" + BANNER + ":** " + REASON));
        assertThat(summary).contains("**Status:** INTERRUPTED (" + REASON + ")");

        Document html = Jsoup.parse(Files.readString(dir.resolve(ReportWriter.HTML)));
        Element banner = html.selectFirst("header > .callout.severe[role=alert]");
        assertThat(banner).isNotNull();
        assertThat(banner.elementSiblingIndex()).as("right under the heading").isEqualTo(1);
        assertThat(banner.text()).startsWith(BANNER + ": " + REASON);

        var junit = JunitReportTest.parse(Files.readString(dir.resolve(ReportWriter.JUNIT)));
        org.w3c.dom.Element completed = JunitReportTest.testcase(junit, JunitReport.RUN_COMPLETED);
        assertThat(((org.w3c.dom.Element) completed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo(REASON);
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("5");
    }

    @Test
    void shouldSayTheSameForARunThatEndedInAnError() {
        RunResults run = ReportFixtures.run().toBuilder().status(RunStatus.ERROR, "results journal could not be written").build();

        assertThat(new SummaryReport().render(run)).contains("Incomplete run (ERROR)");
        assertThat(new HtmlReport().render(run)).contains("Incomplete run (ERROR)");
        assertThat(new JunitReport().render(run)).contains("<failure type=\"error\" message=\"results journal could not be written\"");
    }

    @Test
    void shouldNotWarnAboutACompletedRun() {
        RunResults run = ReportFixtures.run();

        assertThat(new SummaryReport().render(run)).doesNotContain("Incomplete run");
        assertThat(Jsoup.parse(new HtmlReport().render(run)).select(".callout")).isEmpty();
    }
}
