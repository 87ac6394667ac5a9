package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final HtmlReport REPORT = new HtmlReport();

    @Test
    void shouldAllowExactlyItsInlineScriptsAndStyleByHashAndNothingElse() throws Exception {
        Document html = Jsoup.parse(REPORT.render(ReportFixtures.run()));

        Map<String, List<String>> policy = policy(html);
        List<Element> scripts = html.select("script:not([type=application/json])");
        assertThat(scripts).hasSize(3);
        assertThat(policy.get("script-src")).containsExactlyInAnyOrderElementsOf(
                scripts.stream().map(s -> sha256(s.data())).toList());
        assertThat(policy.get("style-src")).containsExactly(sha256(html.selectFirst("style").data()));
        assertThat(policy.get("default-src")).containsExactly("'none'");
        assertThat(policy.get("img-src")).containsExactly("data:");
        assertThat(policy.get("trusted-types")).containsExactly("'none'");
        assertThat(policy.keySet()).containsExactlyInAnyOrder("default-src", "script-src", "style-src", "img-src",
                "base-uri", "form-action", "require-trusted-types-for", "trusted-types");
        assertThat(html.select("style")).hasSize(1);
    }

    @Test
    void shouldPutThePolicyBeforeAnyScriptOrStyle() {
        Document html = Jsoup.parse(REPORT.render(ReportFixtures.run()));

        Element meta = html.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertThat(meta.parent().tagName()).isEqualTo("head");
        assertThat(meta.elementSiblingIndex()).isLessThan(html.selectFirst("style").elementSiblingIndex());
    }

    @Test
    void shouldAskForNothingFromTheNetworkAndHaveNoInlineHandlers() {
        Document html = Jsoup.parse(REPORT.render(ReportFixtures.run()));

        assertThat(html.select("[src], [href], link, iframe, object, embed, img, [style]")).isEmpty();
        assertThat(html.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().toLowerCase().startsWith("on"))).isEmpty();
        assertThat(html.select("script").stream().map(Element::data)).noneMatch(s -> s.contains("sourceMappingURL"));
    }

    @Test
    void shouldEmbedTheRunsDataAsJsonThatReadsBackUnchanged() throws Exception {
        RunResults run = ReportFixtures.hostile("</script><script>alert(1)</script>");
        Document html = Jsoup.parse(REPORT.render(run));

        Element data = html.getElementById(HtmlPage.DATA_ID);
        assertThat(data.attr("type")).isEqualTo("application/json");
        assertThat(data.data()).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode embedded = mapper.readTree(data.data());
        assertThat(embedded).isEqualTo(mapper.readTree(ResultsJson.toJson(run)));
        assertThat(embedded.at("/scenario/name").asText()).isEqualTo("</script><script>alert(1)</script>");
    }

    @Test
    void shouldTitleARunWithoutANameByItsScenarioFile() {
        RunResults run = ReportFixtures.run().toBuilder()
                .scenario(new io.stressgate.engine.result.ScenarioInfo("", "", "ci/scenarios/checkout.yml", null, null)).build();

        Document html = Jsoup.parse(REPORT.render(run));

        assertThat(html.title()).isEqualTo("Stress test results: checkout.yml");
        assertThat(html.selectFirst("h1").text()).isEqualTo("Stress test results: checkout.yml");
        assertThat(new JunitReport().render(run)).contains("<testsuite name=\"stressgate.checkout.yml\"");
    }

    @Test
    void shouldDrawVerdictsAsBadgesThatNeedNoEmojiFont() {
        Document html = Jsoup.parse(REPORT.render(ReportFixtures.run()));

        assertThat(html.select("header dd span.badge").eachText()).containsExactly(ReportFixtures.run().verdict().name());
        assertThat(html.select("#gates td span.badge").eachText()).isNotEmpty().allMatch(t -> t.equals("PASS") || t.equals("FAIL"));
        assertThat(html.body().text()).doesNotContain("\u2705", "\u274c", "\u26a0", "\u23f3", "\u26d4");
    }

    @Test
    void shouldShowTheSectionsOfTheSummaryAndAPlaceForTheCharts() {
        Document html = Jsoup.parse(REPORT.render(ReportFixtures.run()));

        assertThat(html.select("h2").eachText()).containsExactly("Executive summary", "Over time", "Gates", "Requests",
                "Status codes", "Errors by kind", "Jobs", "Load generator", "Services", "Processes", "System peaks",
                "Queues", "Chaos timeline", "Orphans", "Leaks");
        assertThat(html.getElementById(HtmlReport.CHARTS_ID)).isNotNull();
        assertThat(html.selectFirst("header").className()).isEqualTo("verdict-failed");
        assertThat(html.select("#gates tbody tr").get(1).select("td").eachText())
                .containsExactly("http{name=create-order}.p99 < 1s", "fail", "1.2s", "< 1s", "FAIL");
        assertThat(html.select("#gates tbody tr").get(1).selectFirst("td span.badge.fail")).isNotNull();
    }

    static Map<String, List<String>> policy(Document html) {
        String content = html.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : content.split(";")) {
            List<String> parts = Arrays.stream(directive.trim().split("\\s+")).toList();
            directives.put(parts.get(0), parts.subList(1, parts.size()));
        }
        return directives;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> texts(Document html, String selector) {
        return html.select(selector).stream().map(Element::text).collect(Collectors.toSet());
    }
}
