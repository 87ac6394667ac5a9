package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY X1/X2: names from scenario files and agents set to markup, a script break-out and an RTL override
 * stay literal, visible text in all four outputs.
 */
class HostileNamesTest {
    private static final String RTL = "invoice\u202Egnp.exe";

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "</script><script>alert(1)</script>", RTL})
    void shouldKeepTheNameLiteralTextInTheMarkdownAlsoWhenCiRendersItAsHtml(String payload) {
        String md = new SummaryReport().render(ReportFixtures.hostile(payload));

        assertThat(md).doesNotContain("<", "\u202E");
        Document html = SummaryReportTest.renderedByCi(md);
        assertThat(html.select("img, svg, script, iframe")).isEmpty();
        assertThat(html.selectFirst("h1").text()).isEqualTo("Stress test results: " + Text.visible(payload));
        assertThat(html.select("table")).hasSize(9).allSatisfy(t -> assertThat(t.select("tr").stream()
                .map(r -> r.select("th, td").size()).distinct()).as("cells per row").hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "</script><script>alert(1)</script>", RTL})
    void shouldKeepTheNameLiteralTextInTheHtmlReport(String payload) {
        String page = new HtmlReport().render(ReportFixtures.hostile(payload));

        Document html = Jsoup.parse(page);
        assertThat(html.select("img, svg, iframe")).isEmpty();
        assertThat(html.select("script")).hasSize(4);
        assertThat(html.title()).isEqualTo("Stress test results: " + Text.visible(payload));
        assertThat(html.selectFirst("h1").text()).isEqualTo("Stress test results: " + Text.visible(payload));
        assertThat(html.select("#requests tbody td:first-child").eachText()).startsWith(Text.visible(payload));
        Document shown = html.clone();
        shown.select("script").remove();
        assertThat(shown.html()).doesNotContain("\u202E");
        assertThat(page.split("</script>", -1)).as("script elements closed").hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "</script><script>alert(1)</script>", RTL})
    void shouldKeepTheNameLiteralTextInTheJunitXml(String payload) throws Exception {
        RunResults run = ReportFixtures.hostile(payload);
        String xml = new JunitReport().render(run);

        assertThat(xml).doesNotContain("<img", "<svg", "<script", "\u202E", "<!DOCTYPE");
        var doc = JunitReportTest.parse(xml);
        var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("stressgate." + Text.visible(payload));
        var gate = JunitReportTest.testcase(doc, Text.visible("http{name=" + payload + "}.p95 < 1s"));
        assertThat(((org.w3c.dom.Element) gate.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .startsWith(Text.visible("http{name=" + payload + "}.p95 was 1.2s, limit "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "</script><script>alert(1)</script>", RTL})
    void shouldKeepTheNameOneCellOfTheMetricsCsv(String payload) {
        RunResults run = ReportFixtures.hostile(payload);

        String header = new CsvReport().render(run.samples()).lines().findFirst().orElseThrow();

        assertThat(cells(header)).contains("t", payload + ".rss_bytes", payload + " 2.rss_bytes", "queue." + payload + ".depth")
                .hasSize(run.samples().columns().size());
    }

    /** Splits one RFC 4180 record, as a spreadsheet reads it. */
    private static List<String> cells(String record) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted && c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
