package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The trend and sparkline views of stressgate-charts.js in a real headless Chromium, under the same policy as the
 * report: one chart per measured metric, points coloured by verdict, the baseline band, and click-through.
 */
class StressGateChartsIT {
    private static final String HOSTILE_BUILD = "#2 <img src=x onerror=alert(1)>";
    private static final String START_TREND = """
            (function () {
              'use strict';
              var trend = JSON.parse(document.getElementById('stressgate-data').textContent);
              var clicked = document.getElementById('clicked');
              window.StressGateCharts.renderTrend(document.getElementById('trend'), trend, {
                onBuildClick: function (point) { clicked.textContent = point.build + ' -> ' + point.url; }
              });
              window.StressGateCharts.renderSparkline(document.getElementById('spark'),
                  trend.points.map(function (p) { return p.metrics.p95; }));
            })();
            """;
    private static final String BODY = "<div id=\"trend\"></div>\n<canvas id=\"spark\" width=\"160\" height=\"30\"></canvas>\n"
            + "<p id=\"clicked\"></p>\n";
    /** The colour of a pixel of a chart: the centre of point i of dataset 0, or at a value between points 0 and 1. */
    private static final String PIXEL = """
            var chart = Chart.getChart(arguments[0]), r = chart.currentDevicePixelRatio, x, y;
            if (arguments[1] === 'point') {
              var p = chart.getDatasetMeta(0).data[arguments[2]]; x = p.x; y = p.y;
            } else {
              var m = chart.getDatasetMeta(0).data; x = (m[0].x + m[1].x) / 2; y = chart.scales.y.getPixelForValue(arguments[2]);
            }
            return Array.from(chart.ctx.getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data);""";

    /** Narrows the trend to 400 px (fewer pixel columns than builds), then draws it as START_TREND does. */
    private static final String START_NARROW_TREND = """
            (function () {
              'use strict';
              var trend = JSON.parse(document.getElementById('stressgate-data').textContent);
              var clicked = document.getElementById('clicked');
              var container = document.getElementById('trend');
              container.style.width = '400px';
              window.StressGateCharts.renderTrend(container, trend, {
                onBuildClick: function (point) { clicked.textContent = point.build + ' -> ' + point.url; }
              });
            })();
            """;
    /** Draws the trend as START_TREND does, but 2,000 px down the page and asking to defer the charts out of view. */
    private static final String START_DEFERRED_TREND = """
            (function () {
              'use strict';
              var trend = JSON.parse(document.getElementById('stressgate-data').textContent);
              var container = document.getElementById('trend');
              container.style.marginTop = '2000px';
              window.StressGateCharts.renderTrend(container, trend, { deferOffscreen: true });
            })();
            """;
    private static final String HAS_CHART = "return arguments[0] ? Chart.getChart(arguments[0]) !== undefined : false;";
    /** Per dataset of the first chart: how many points are drawn, the index of the highest, and of the missing ones. */
    private static final String DRAWN = """
            var chart = Chart.getChart(arguments[0]);
            return chart.data.datasets.map(function (dataset, i) {
              var meta = chart.getDatasetMeta(i), highest = 0;
              dataset.data.forEach(function (d, k) { if (d.y > dataset.data[highest].y) { highest = k; } });
              return { drawn: meta.data.length, highest: highest, x: meta.data[highest].x, y: meta.data[highest].y,
                  missing: dataset.data.filter(function (d) { return d.y == null; }).map(function (d) { return d.x; }) };
            });""";
    /** The tooltip's build, its first value and its footer once the pointer rests on a point. */
    private static final String TOOLTIP = """
            var t = Chart.getChart(arguments[0]).tooltip;
            return t.dataPoints && t.dataPoints.length
                ? { title: t.title.join(' '), value: t.dataPoints[0].parsed.y, footer: t.footer.join(' ') } : null;""";
    private static final int MANY = 1_000;
    private static final int SPIKE = 500;
    private static final int MISSING = 700;

    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    Path dir;

    @Test
    void shouldDrawOneChartPerMeasuredMetricAndTheSparkline() throws IOException {
        browser.console();
        open();

        assertThat(browser.canvases()).extracting(c -> c.get("label")).containsExactly("Latency (ms)",
                "Throughput (requests/s)", "Error rate (%)", "Peak RSS (MiB)", "Peak queue depth", "Lost jobs",
                "Orphaned processes", null);
        assertThat(browser.canvases()).allSatisfy(c -> assertThat(((Number) c.get("painted")).longValue())
                .as("painted pixels of %s", c.get("label")).isGreaterThan(50));
        assertThat(Browser.severe(browser.console())).isEmpty();
        assertThat(browser.alertOpen()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("img, svg"))).isEmpty();
    }

    @Test
    void shouldColourEachPointByTheVerdictOfItsBuild() throws IOException {
        open();
        WebElement latency = browser.driver().findElements(By.tagName("canvas")).get(0);

        List<Long> passed = pixel(latency, "point", 0);
        List<Long> failed = pixel(latency, "point", 1);

        near("PASSED point, #2e7d32", passed, 0x2e, 0x7d, 0x32);
        near("FAILED point, #c62828", failed, 0xc6, 0x28, 0x28);
    }

    @Test
    void shouldDrawTheBaselineBandBehindTheMetricThatHasOne() throws IOException {
        open();
        WebElement latency = browser.driver().findElements(By.tagName("canvas")).get(0);

        List<Long> inBand = pixel(latency, "value", 480);
        List<Long> aboveBand = pixel(latency, "value", 1_300);

        assertThat(inBand.get(3)).as("alpha inside the band").isBetween(15L, 60L);
        assertThat(inBand.get(1)).as("green inside the band").isGreaterThan(inBand.get(0) + 30);
        assertThat(aboveBand.get(1)).as("no green above the band").isLessThanOrEqualTo(aboveBand.get(0));
    }

    @Test
    void shouldCallBackWithTheBuildThatWasClicked() throws IOException {
        open();
        WebElement latency = browser.driver().findElements(By.tagName("canvas")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Number> point = (Map<String, Number>) browser.driver().executeScript(
                "var p = Chart.getChart(arguments[0]).getDatasetMeta(0).data[1]; return { x: p.x, y: p.y };", latency);

        new Actions(browser.driver()).moveToElement(latency,
                (int) Math.round(point.get("x").doubleValue() - latency.getSize().getWidth() / 2.0),
                (int) Math.round(point.get("y").doubleValue() - latency.getSize().getHeight() / 2.0)).click().perform();

        assertThat(browser.driver().findElement(By.id("clicked")).getText())
                .isEqualTo(HOSTILE_BUILD + " -> job/checkout/2/");
        assertThat(browser.driver().findElements(By.cssSelector("img, svg"))).isEmpty();
        assertThat(browser.alertOpen()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDrawFewerPointsThanBuildsWhenTheChartIsNarrowerAndKeepTheRealBuilds() throws IOException {
        openMany();
        WebElement latency = browser.driver().findElements(By.tagName("canvas")).get(0);
        List<Map<String, Object>> datasets = (List<Map<String, Object>>) browser.driver().executeScript(DRAWN, latency);

        assertThat(latency.getSize().getWidth()).isLessThan(MANY);
        assertThat(datasets).hasSize(3).allSatisfy(d -> {
            assertThat(((Number) d.get("drawn")).intValue()).isBetween(100, MANY / 2);
            assertThat((List<Object>) d.get("missing")).as("the build without results breaks the line").containsExactly((long) MISSING - 1);
        });
        assertThat(browser.canvases()).filteredOn(c -> c.get("label") != null).hasSizeGreaterThan(1)
                .allSatisfy(c -> assertThat(((Number) c.get("painted")).longValue()).as("painted pixels of %s", c.get("label"))
                        .isGreaterThan(50));
        assertThat(Browser.severe(browser.console())).isEmpty();
    }

    @Test
    void shouldShowAndOpenTheRealBuildUnderThePointerWhenPointsAreDecimated() throws IOException {
        openMany();
        WebElement latency = browser.driver().findElements(By.tagName("canvas")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Number> highest = ((List<Map<String, Number>>) browser.driver().executeScript(DRAWN, latency)).get(1);

        new Actions(browser.driver()).moveToElement(latency,
                (int) Math.round(highest.get("x").doubleValue() - latency.getSize().getWidth() / 2.0),
                (int) Math.round(highest.get("y").doubleValue() - latency.getSize().getHeight() / 2.0)).perform();
        @SuppressWarnings("unchecked")
        Map<String, Object> tooltip = (Map<String, Object>) browser.driver().executeScript(TOOLTIP, latency);
        new Actions(browser.driver()).click().perform();

        assertThat(tooltip).isNotNull();
        assertThat(tooltip.get("title")).isEqualTo("#" + SPIKE);
        assertThat(((Number) tooltip.get("value")).doubleValue()).as("p50 of the spike, not an average")
                .isEqualTo(manyP95(SPIKE) / 4);
        assertThat(tooltip.get("footer")).isEqualTo("verdict: PASSED");
        assertThat(browser.driver().findElement(By.id("clicked")).getText()).isEqualTo("#" + SPIKE + " -> job/checkout/" + SPIKE + "/");
    }

    @Test
    void shouldBuildAChartOutOfViewOnlyWhenItScrollsIntoViewWhenAskedToDefer() throws IOException {
        open(START_DEFERRED_TREND);
        List<WebElement> canvases = browser.driver().findElements(By.cssSelector("#trend canvas"));

        assertThat(canvases).hasSize(7).noneSatisfy(c -> assertThat(hasChart(c)).isTrue());
        WebElement last = canvases.get(canvases.size() - 1);
        browser.driver().executeScript("arguments[0].scrollIntoView()", last);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> hasChart(last));

        assertThat(hasChart(canvases.get(0))).as("the first chart, above the view now").isFalse();
        assertThat(browser.canvases()).filteredOn(c -> "Orphaned processes".equals(c.get("label"))).singleElement()
                .satisfies(c -> assertThat(((Number) c.get("painted")).longValue()).isGreaterThan(50));
        assertThat(Browser.severe(browser.console())).isEmpty();
    }

    private static boolean hasChart(WebElement canvas) {
        return Boolean.TRUE.equals(browser.driver().executeScript(HAS_CHART, canvas));
    }

    /** 1,000 builds: p95 between 300 and 497 ms, one spike at build 500, and build 700 without load results. */
    private void openMany() throws IOException {
        RunResults noLoad = ReportFixtures.loadOnly().toBuilder().load(Map.of()).build();
        List<BuildRun> builds = new ArrayList<>();
        for (int n = 1; n <= MANY; n++) {
            builds.add(new BuildRun("#" + n, n, "job/checkout/" + n + "/", n == MISSING ? noLoad : passed(manyP95(n))));
        }
        write(new TrendBuilder(5).build(builds), START_NARROW_TREND);
    }

    private static double manyP95(int build) {
        return build == SPIKE ? 4_000 : 300 + build * 37 % 198;
    }

    private void open() throws IOException {
        open(START_TREND);
    }

    private void open(String start) throws IOException {
        Trend trend = new TrendBuilder(5).build(List.of(
                new BuildRun("#1", 1, "job/checkout/1/", passed(350)),
                new BuildRun(HOSTILE_BUILD, 2, "job/checkout/2/", ReportFixtures.run()),
                new BuildRun("#3", 3, "job/checkout/3/", passed(500)),
                new BuildRun("#4", 4, "job/checkout/4/", ReportFixtures.interrupted()),
                new BuildRun("#5", 5, "job/checkout/5/", passed(450))));
        write(trend, start);
    }

    private void write(Trend trend, String start) throws IOException {
        ChartAssets assets = ChartAssets.load();
        String page = HtmlPage.render("Trend", BODY, trend, HtmlReport.STYLE,
                List.of(assets.chartJs(), assets.charts(), start));
        Path file = dir.resolve("trend.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        browser.open(file);
    }

    /** A passed run whose latency scales with its p95. */
    private static RunResults passed(double p95) {
        RunResults base = ReportFixtures.loadOnly();
        LoadSummary a = base.all();
        LoadSummary all = new LoadSummary(a.requests(), a.errors(), a.dropped(), a.timeouts(), a.rps(), a.errorRate(),
                a.samples(), ReportFixtures.latency(p95 / 4, p95, p95 * 2, p95 * 3), a.status(), a.errorKinds(),
                a.bytesReceived(), null);
        return base.toBuilder().load(Map.of(RunResults.ALL, all)).build();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> pixel(WebElement canvas, String where, double at) {
        return (List<Long>) browser.driver().executeScript(PIXEL, canvas, where, at);
    }

    private static void near(String what, List<Long> rgba, int r, int g, int b) {
        assertThat(rgba.get(0)).as(what).isCloseTo((long) r, Offset.offset(40L));
        assertThat(rgba.get(1)).as(what).isCloseTo((long) g, Offset.offset(40L));
        assertThat(rgba.get(2)).as(what).isCloseTo((long) b, Offset.offset(40L));
        assertThat(rgba.get(3)).as(what).isGreaterThan(200L);
    }
}
