package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Opens report.html in a real headless Chromium from a file, as a user opens a downloaded report. */
class HtmlReportIT {
    private static final List<String> PAYLOADS = List.of("<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "</script><script>alert(1)</script>", "invoice\u202Egnp.exe");
    private static final List<String> CHARTS = List.of("Latency percentiles over time", "Throughput and errors over time",
            "p95 latency by request", "Processes per group", "Memory (RSS) per process group: api (MiB)",
            "Memory (RSS) per process group: worker (MiB)", "CPU per process group (% of one core)",
            "Threads per process group", "Open file descriptors per process group", "Child processes per process group",
            "Jobs per queue", "Redis used_memory (MiB)", "Redis connected clients", "Machine CPU (% of all cores)",
            "Machine memory (GiB)", "Machine load average (1 min)");
    private static final String CHAOS_COLUMN = """
            var chart = Chart.getChart(arguments[0]), x = chart.scales.x.getPixelForValue(arguments[1]);
            var ratio = chart.currentDevicePixelRatio, area = chart.chartArea, ctx = chart.ctx, hits = 0;
            var col = Math.round(x * ratio) - 1, top = Math.round(area.top * ratio), h = Math.round((area.bottom - area.top) * ratio);
            var d = ctx.getImageData(col, top, 3, h).data;
            for (var i = 0; i < d.length; i += 4) {
              if (Math.abs(d[i] - 0x6a) < 40 && Math.abs(d[i + 1] - 0x1b) < 40 && Math.abs(d[i + 2] - 0x9a) < 40 && d[i + 3] > 128) { hits++; }
            }
            return hits;""";

    @RegisterExtension
    static final Browser browser = new Browser();
    private final HtmlReport report = new HtmlReport();
    @TempDir
    Path dir;

    @Test
    void shouldDrawEveryChartWithoutAnyConsoleErrorOrCspViolation() throws IOException {
        browser.console();
        browser.open(write("report.html", report.render(ReportFixtures.run())));

        List<Map<String, Object>> canvases = browser.canvases();
        assertThat(canvases).extracting(c -> c.get("label")).containsExactlyElementsOf(CHARTS);
        assertThat(canvases).allSatisfy(c -> assertThat(((Number) c.get("painted")).longValue())
                .as("painted pixels of %s", c.get("label")).isGreaterThan(2_000));
        assertThat(Browser.severe(browser.console())).isEmpty();
        assertThat(browser.alertOpen()).isFalse();
    }

    @Test
    void shouldMarkTheChaosEventAsAVerticalLineOnTheTimeCharts() throws IOException {
        browser.open(write("report.html", report.render(ReportFixtures.run())));

        var canvas = browser.driver().findElements(By.tagName("canvas")).get(0);
        long atChaos = ((Number) browser.driver().executeScript(CHAOS_COLUMN, canvas, 12.0)).longValue();
        long elsewhere = ((Number) browser.driver().executeScript(CHAOS_COLUMN, canvas, 25.0)).longValue();

        assertThat(atChaos).isGreaterThan(40);
        assertThat(elsewhere).isLessThan(5);
    }

    @Test
    void shouldShowHostileNamesAsTextAndRunNoScriptOfThem() throws IOException {
        for (String payload : PAYLOADS) {
            browser.console();
            RunResults run = ReportFixtures.hostile(payload);
            browser.open(write("hostile.html", report.render(run)));

            String text = browser.driver().findElement(By.tagName("body")).getText();
            assertThat(text).as("page text for %s", payload).contains(Text.visible(payload));
            assertThat(browser.driver().getTitle()).isEqualTo("Stress test results: " + Text.visible(payload));
            assertThat(browser.driver().findElements(By.cssSelector("img, svg, iframe"))).as("elements made of %s", payload)
                    .isEmpty();
            assertThat(browser.driver().findElements(By.tagName("script"))).hasSize(4);
            assertThat(browser.canvases()).as("charts for %s", payload).hasSize(CHARTS.size())
                    .allSatisfy(c -> assertThat(((Number) c.get("painted")).longValue()).isGreaterThan(2_000));
            assertThat(Browser.severe(browser.console())).as("console for %s", payload).isEmpty();
            assertThat(browser.alertOpen()).as("alert for %s", payload).isFalse();
        }
    }

    @Test
    void shouldReportAViolationWhenAnInlineScriptIsNotAllowedByThePolicy() throws IOException {
        String page = report.render(ReportFixtures.run()).replace("</body>", "<script>document.title = 'ran';</script></body>");
        browser.console();
        browser.open(write("tampered.html", page));

        assertThat(browser.driver().getTitle()).isNotEqualTo("ran");
        assertThat(Browser.severe(browser.console())).extracting(e -> e.getMessage())
                .anySatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    @Test
    void shouldStopEvenAnAllowedScriptFromWritingMarkupFromAString() throws IOException {
        String attempt = "document.getElementById('" + HtmlReport.CHARTS_ID + "').innerHTML = '<b id=\"injected\">x</b>';";
        ChartAssets assets = ChartAssets.load();
        String page = HtmlPage.render("innerHTML", "<div id=\"" + HtmlReport.CHARTS_ID + "\"></div>", java.util.Map.of(), HtmlReport.STYLE,
                List.of(assets.chartJs(), assets.charts(), attempt));
        browser.console();
        browser.open(write("inner.html", page));

        assertThat(browser.driver().findElements(By.id("injected"))).isEmpty();
        assertThat(Browser.severe(browser.console())).extracting(e -> e.getMessage())
                .anySatisfy(m -> assertThat(m).contains("TrustedHTML"));
    }

    private Path write(String name, String html) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }
}
