package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void shouldNameTheScenarioByItsFileWhenItHasNoNameAndNoDescription() {
        RunResults run = ReportFixtures.run().toBuilder()
                .scenario(new ScenarioInfo("", "", "ci/scenarios/checkout.yml", null, "http://127.0.0.1:8080")).build();

        String md = report.render(run);

        assertThat(md).startsWith("# Stress test results: checkout.yml\n").contains("**Scenario:** checkout.yml  \n")
                .doesNotContainPattern("\\*\\*Scenario:\\*\\* *\\n");
    }

    @Test
    void shouldShowTheScenarioNameWhenItHasNoDescription() {
        RunResults run = ReportFixtures.run().toBuilder()
                .scenario(new ScenarioInfo("checkout", "", "checkout.yml", null, null)).build();

        assertThat(report.render(run)).contains("**Scenario:** checkout  \n");
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
    void shouldNameUnidentifiedSubmitsFailedIdsAndCeleryPendingThatIsProbablyLost() {
        RunResults base = ReportFixtures.run();
        RunResults r = base.toBuilder()
                .jobs(new JobsSummary(10, 6, 2, 2, 0, 0, 0, null, null, Map.of(), List.of(), 3L,
                        "202 from create had no value at /job/id (body starts: {\"uuid\":\"9\"})", List.of("t-7", "t-9"), 0L))
                .queues(Map.of("celery", new QueueSummary("celery", "celery", 40, 0, 800L, true, 50, List.of(), true, 4L, 0L)))
                .build();

        String md = report.render(r);

        assertThat(md).contains("3 accepted submits carried no job id", "202 from create had no value at /job/id",
                "failed job ids: t-7, t-9", "2 jobs read as pending while every celery queue is empty with nothing unacked",
                "| celery | celery | celery | 40 | 0 | 4 / 0 | drained in 800ms |");
    }

    @Test
    void shouldSayAQueueKeyWasNeverSeenInsteadOfCallingItDrained() {
        RunResults r = ReportFixtures.run().toBuilder()
                .queues(Map.of("default", new QueueSummary("list", "default", 0, 0, null, false, 40, List.of(), false, null, null)))
                .build();

        assertThat(report.render(r)).contains("| default | list | default | 0 | 0 | — | key never seen (wrong name or type?) |");
    }

    @Test
    void shouldRenderAsHtmlTablesWhenCiRendersTheMarkdown() {
        Document html = renderedByCi(report.render(ReportFixtures.run()));

        Element gates = tableAfter(html, "Gates");
        assertThat(gates.select("tbody tr")).hasSize(7);
        assertThat(gates.select("tbody tr").get(1).select("td").eachText())
                .containsExactly("http{name=create-order}.p99 < 1s", "fail", "1.2s", "< 1s", "FAIL");
        assertThat(tableAfter(html, "Queues").select("tbody td").eachText()).contains("did not drain");
    }

    @Test
    void shouldSayNoProbeForAnActionWithoutOneAndDidNotRecoverOnlyWhenAProbeFailed() {
        ChaosEvent withoutProbe = new ChaosEvent("pause-api", "pause", 5_000, "schedule", "STOP", List.of(), ChaosEvent.Outcome.DONE,
                "paused pid 4120 for 2s", null, 2_010L, "matches", "first", null);
        ChaosEvent probeFailed = new ChaosEvent("kill-api", "kill", 9_000, "schedule", "KILL", List.of(), ChaosEvent.Outcome.FAILED,
                "sent KILL to pid 4121; did not recover within 30s (http http://127.0.0.1:8000/health)", null, null,
                "matches", "first", "http http://127.0.0.1:8000/health");
        RunResults run = ReportFixtures.run().toBuilder().chaos(List.of(withoutProbe, probeFailed)).build();

        Element chaos = tableAfter(renderedByCi(report.render(run)), "Chaos timeline");

        assertThat(chaos.select("tbody tr").get(0).select("td").get(7).text()).isEqualTo("no probe");
        assertThat(chaos.select("tbody tr").get(1).select("td").get(7).text()).isEqualTo("did not recover");
    }

    @Test
    void shouldShowRedirectsFollowedPerRequestAndInTheSummaryWhenAnyRequestFollowedOne() {
        RunResults run = withRedirects(ReportFixtures.run());

        String md = report.render(run);
        Element requests = tableAfter(renderedByCi(md), "Requests");

        assertThat(md).contains("- **Redirects followed:** 1,040",
                "- **Received:** 314.453KiB on the wire, bodies 1.2MiB after decoding");
        assertThat(requests.select("thead th").last().text()).isEqualTo("Redirects");
        assertThat(requests.select("tbody tr").stream().map(tr -> tr.select("td").last().text()).toList())
                .containsExactly("0", "1,040", "1,040");
    }

    @Test
    void shouldLeaveTheRedirectsColumnOutWhenNoRequestFollowedARedirect() {
        String md = report.render(ReportFixtures.run());

        assertThat(tableAfter(renderedByCi(md), "Requests").select("thead th").eachText()).doesNotContain("Redirects");
        assertThat(md).doesNotContain("Redirects followed").contains("- **Received:** 314.453KiB\n");
    }

    /** The fixture's second request (poll) followed two redirects for each of its 520 requests; the bodies were gzip. */
    static RunResults withRedirects(RunResults run) {
        String poll = List.copyOf(run.load().keySet()).get(1);
        Map<String, LoadSummary> load = new LinkedHashMap<>(run.load());
        load.computeIfPresent(poll, (name, s) -> redirected(s, 0));
        load.computeIfPresent(RunResults.ALL, (name, s) -> redirected(s, 1_258_291));
        return run.toBuilder().load(load).build();
    }

    private static LoadSummary redirected(LoadSummary s, long bytesDecoded) {
        return new LoadSummary(s.requests(), s.errors(), s.dropped(), s.timeouts(), s.rps(), s.errorRate(), s.samples(),
                s.latencyMs(), s.status(), s.errorKinds(), s.bytesReceived(), bytesDecoded, s.histogram(), 1_040);
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

        assertThat(report.render(saturated)).contains("> **Load generator saturated:** event loop busy 99.5%. "
                + "Its figures measure the generator more than the target.");
    }

    @Test
    void shouldWriteEveryVerdictAndMarkAsPlainWordsThatNeedNoEmojiFont() {
        RunResults interrupted = ReportFixtures.interrupted();
        RunResults pending = ReportFixtures.run().asShard(new io.stressgate.engine.result.ShardInfo(1, 2, "checkout", 0, 0L));

        for (RunResults run : List.of(ReportFixtures.run(), interrupted, pending)) {
            String md = report.render(run);
            assertThat(md.codePoints().filter(ReportChartUnitsIT::pictographic).mapToObj(Character::toString).toList())
                    .as("emoji in the summary of a %s run", run.verdict()).isEmpty();
            assertThat(md).contains("**Verdict:** " + run.verdict().name());
        }
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
