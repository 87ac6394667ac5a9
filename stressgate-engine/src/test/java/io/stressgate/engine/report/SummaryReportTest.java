package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SummaryReportTest {
    private final SummaryReport report = new SummaryReport();

    @Test
    void shouldRenderTheRealisticRunAsTheGoldenSummary() throws Exception {
        GoldenFiles.assertMatches("summary.md", report.render(ReportFixtures.run()));
    }

    @Test
    void shouldShowStatusCodesWithCountsAndSharesLikeTheHandWrittenReports() {
        String md = report.render(ReportFixtures.run());

        assertThat(md).contains("- 201: 870 (61.27%)", "- 200: 508 (35.77%)", "- 503: 10 (0.7%)",
                "- no response: 32 (2.25%)");
    }

    @Test
    void shouldGiveTheExecutiveSummaryFromTheTotals() {
        String md = report.render(ReportFixtures.run());

        assertThat(md).contains("- **Requests:** 1,420", "- **Success rate:** 97.04% (1,378/1,420 requests)",
                "- **Throughput:** 47.33/s", "- **Latency:** p50 95ms · p95 420ms · p99 1.15s · max 10.041s",
                "- **Timeouts:** 32 (2.25%)");
    }

    @Test
    void shouldRenderAsHtmlTablesWhenCiRendersTheMarkdown() {
        Document html = renderedByCi(report.render(ReportFixtures.run()));

        Element gates = tableAfter(html, "Gates");
        assertThat(gates.select("tbody tr")).hasSize(7);
        assertThat(gates.select("tbody tr").get(1).select("td").eachText())
                .containsExactly("http{name=create-order}.p99 < 1s", "fail", "1.2s", "< 1s", "❌ FAIL");
        assertThat(tableAfter(html, "Queues").select("tbody td").eachText()).contains("did not drain");
    }

    @Test
    void shouldKeepAPipeInANameInsideItsTableCell() {
        RunResults run = ReportFixtures.run(ReportFixtures.Names.all("a|b"));

        Document html = renderedByCi(report.render(run));

        Element requests = tableAfter(html, "Requests");
        assertThat(requests.select("thead th")).hasSize(11);
        assertThat(requests.select("tbody tr").get(0).select("td")).hasSize(11);
        assertThat(requests.select("tbody tr").get(0).select("td").first().text()).isEqualTo("a|b");
    }

    @Test
    void shouldLeaveOutSectionsOfASystemUnderTestTheRunDidNotHave() {
        String md = report.render(ReportFixtures.loadOnly());

        assertThat(md).contains("## Executive summary", "## Requests", "## Load generator")
                .doesNotContain("## Services", "## Processes", "## System peaks", "## Queues", "## Chaos timeline",
                        "## Orphans", "## Leaks", "## Jobs");
    }

    @Test
    void shouldWarnWhenTheLoadGeneratorWasSaturated() {
        RunResults run = ReportFixtures.run();
        var g = run.generator();
        RunResults saturated = run.toBuilder().generator(new io.stressgate.engine.result.GeneratorInfo(g.version(),
                g.threads(), g.cores(), 199, g.cpuMicrosPerRequest(), 99.5, 250, g.connectionsOpened(), g.preconnected(), g.heapUsedBytes(), true,
                "event loop busy 99.5%")).build();

        assertThat(report.render(saturated)).contains("> ⛔ **Load generator saturated:** event loop busy 99.5%. "
                + "Its figures measure the generator more than the target.");
    }

    static Document renderedByCi(String markdown) {
        List<org.commonmark.Extension> gfm = List.of(TablesExtension.create());
        String html = HtmlRenderer.builder().extensions(gfm).build()
                .render(Parser.builder().extensions(gfm).build().parse(markdown));
        return Jsoup.parseBodyFragment(html);
    }

    private static Element tableAfter(Document html, String heading) {
        Element h2 = html.select("h2").stream().filter(h -> h.text().equals(heading)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + heading + " in " + html.select("h2").eachText()));
        Element next = h2.nextElementSibling();
        for (int i = 0; i < 5 && next != null && !next.tagName().equals("table"); i++) {
            next = next.nextElementSibling();
        }
        assertThat(next).as("table after %s", heading).isNotNull();
        return next;
    }
}
