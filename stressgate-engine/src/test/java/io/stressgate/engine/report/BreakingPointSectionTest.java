package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.BreakingStep;
import io.stressgate.engine.result.RunResults;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class BreakingPointSectionTest {
    private static final BreakingPoint BROKE = new BreakingPoint("search", BreakingPoint.Outcome.BROKE, 25.0, 30.0,
            "\"http.p95 > 500ms\": http.p95 was 1.063s in the step at 30/s", 45, 8000, List.of(
                    new BreakingStep(20, 160, 159.6, 0.0, 0, null, true),
                    new BreakingStep(25, 199, 185.1, 0.0, 0, null, true),
                    new BreakingStep(30, 208, 1062.9, 0.0, 0, null, false)));

    private static RunResults with(BreakingPoint point) {
        return ReportFixtures.loadOnly().toBuilder().breakingPoint(point).build();
    }

    @Test
    void shouldShowTheRateThatHeldWhereItBrokeWhyAndEveryStepInTheSummary() {
        String md = new SummaryReport().render(with(BROKE));

        Document html = SummaryReportTest.renderedByCi(md);
        Element h2 = html.select("h2").stream().filter(h -> h.text().equals("Breaking point")).findFirst().orElseThrow();
        assertThat(md).contains("**Breaking point:** 25/s", "**Broke at:** 30/s", "http.p95 was 1.063s in the step at 30/s",
                "3 of 8s each, up to max 45/s");
        Element table = h2.nextElementSiblings().select("table").first();
        assertThat(table.select("thead th").eachText()).containsExactly("Rate", "Responses", "p95", "Error rate", "Dropped", "Held");
        assertThat(table.select("tbody tr").get(2).select("td").eachText())
                .containsExactly("30/s", "208", "1.063s", "0%", "0", "broke");
    }

    @Test
    void shouldCallAMaxThatHeldALowerBoundAndShowQueueDepthsWhenSampled() {
        BreakingPoint held = new BreakingPoint("search", BreakingPoint.Outcome.HELD_TO_MAX, 20.0, null,
                "did not break up to max 20/s", 20, 5000, List.of(new BreakingStep(20, 100, 50.0, 0.0, 0, 7L, true)));

        String html = new HtmlReport().render(with(held));

        Document page = Jsoup.parse(html);
        Element section = page.getElementById("breaking-point");
        assertThat(section).isNotNull();
        assertThat(section.text()).contains("at least 20/s (did not break up to max 20/s)");
        assertThat(section.select("th").eachText()).contains("Queue max");
    }

    @Test
    void shouldLeaveTheSectionOutWithoutASteppingPhase() {
        assertThat(new SummaryReport().render(ReportFixtures.loadOnly())).doesNotContain("Breaking point");
    }

    @Test
    void shouldTrendTheRateThatHeldAndNothingForASearchCutShort() {
        BreakingPoint cut = new BreakingPoint("search", BreakingPoint.Outcome.CUT_SHORT, 25.0, null, "the run stopped", 45,
                8000, List.of());

        assertThat(TrendBuilder.metrics(with(BROKE))).containsEntry(TrendBuilder.BREAKING_POINT, 25.0);
        assertThat(TrendBuilder.metrics(with(cut))).doesNotContainKey(TrendBuilder.BREAKING_POINT);
        assertThat(TrendBuilder.metrics(ReportFixtures.loadOnly())).doesNotContainKey(TrendBuilder.BREAKING_POINT);
        assertThat(Map.copyOf(TrendBuilder.metrics(with(BROKE)))).containsKey("rps");
    }
}
