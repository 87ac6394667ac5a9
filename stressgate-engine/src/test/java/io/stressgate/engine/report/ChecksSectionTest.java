package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.RunResults;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks section of summary.md and report.html: per request and check, its counts; names from agents stay text. */
class ChecksSectionTest {
    private static RunResults withChecks(List<CheckSummary> checks) {
        return ReportFixtures.run().toBuilder().checks(checks).build();
    }

    private static final List<CheckSummary> CHECKS = List.of(
            new CheckSummary("create-order", "has-id", "json /id exists", true, 1_180, 20),
            new CheckSummary("create-order", "request-id", "header X-Request-ID exists", false, 1_200, 0),
            new CheckSummary("poll-status", "queued", "json /status equals \"queued\"", false, 0, 0));

    @Test
    void shouldShowEveryChecksCountsAndRateInTheSummary() {
        String md = new SummaryReport().render(withChecks(CHECKS));

        assertThat(md).contains("## Checks\n\n"
                + "> **Checks failed:** 1 of 3 checks failed on at least one response\n\n"
                + "> **Checks never ran:** 1 of 3 checks were never put to a response, so they prove nothing\n\n"
                + "| Request | Check | Condition | On fail | Passes | Fails | Pass rate |\n"
                + "|---|---|---|---|---:|---:|---:|\n"
                + "| create-order | has-id | json /id exists | fails the request | 1,180 | 20 | 98.33% |\n"
                + "| create-order | request-id | header X-Request-ID exists | counted | 1,200 | 0 | 100% |\n"
                + "| poll-status | queued | json /status equals \"queued\" | counted | 0 | 0 | never ran |\n");
    }

    @Test
    void shouldShowTheSameTableInTheHtmlReport() {
        Document html = Jsoup.parse(new HtmlReport().render(withChecks(CHECKS)));

        Element section = html.getElementById("checks");
        assertThat(section).isNotNull();
        assertThat(section.select("tbody tr")).extracting(Element::text).containsExactly(
                "create-order has-id json /id exists fails the request 1,180 20 98.33%",
                "create-order request-id header X-Request-ID exists counted 1,200 0 100%",
                "poll-status queued json /status equals \"queued\" counted 0 0 never ran");
    }

    @Test
    void shouldLeaveTheSectionOutWhenNoRequestDeclaredChecks() {
        assertThat(new SummaryReport().render(ReportFixtures.run())).doesNotContain("## Checks");
        assertThat(Jsoup.parse(new HtmlReport().render(ReportFixtures.run())).getElementById("checks")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "</script><script>alert(1)</script>"})
    void shouldKeepHostileCheckNamesAndConditionsLiteralText(String payload) {
        RunResults r = withChecks(List.of(new CheckSummary(payload, payload, "header X equals \"" + payload + "\"", false, 1, 2)));

        Document page = Jsoup.parse(new HtmlReport().render(r));
        assertThat(page.select("img, svg, iframe")).isEmpty();
        assertThat(page.select("script")).hasSize(4);
        assertThat(page.getElementById("checks").select("tbody td").eachText())
                .startsWith(payload, payload, "header X equals \"" + payload + "\"");
        String md = new SummaryReport().render(r);
        assertThat(md).doesNotContain("<");
        Document ci = SummaryReportTest.renderedByCi(md);
        assertThat(ci.select("img, svg, script, iframe")).isEmpty();
        Element h2 = ci.select("h2").stream().filter(h -> h.text().equals("Checks")).findFirst().orElseThrow();
        assertThat(h2.nextElementSiblings().select("table").first().select("tbody td").eachText()).startsWith(payload, payload);
    }
}
