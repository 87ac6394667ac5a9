package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.RunResults;
import io.stressgate.server.testing.HeadlessChromium;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The service's pages in a real headless Chromium (RELIABILITY 5.3 X1, X2): charts are drawn, nothing errs or breaks
 * the Content-Security-Policy, hostile job and scenario names stay text, and the compare page shows the deltas.
 */
class PagesIT {
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final String PAINTED = """
            var c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
            for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } }
            return n;""";
    private static final String POINT = """
            var chart = Chart.getChart(arguments[0]), p = chart.getDatasetMeta(0).data[arguments[1]];
            var r = arguments[0].getBoundingClientRect();
            return [p.x - r.width / 2, p.y - r.height / 2];""";
    @TempDir
    static Path dir;
    private static TestService service;
    private static HeadlessChromium browser;
    private static String firstRun;
    private static String lastRun;
    private static String hostileRun;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dir);
        ObjectMapper json = new ObjectMapper();
        for (int build = 1; build <= 6; build++) {
            RunResults r = SampleRuns.passed("checkout", build == 6 ? 60 : 40, build);
            String id = json.readTree(service.upload("shop", build, SampleRuns.json(r)).body()).get("id").asText();
            firstRun = firstRun == null ? id : firstRun;
            lastRun = id;
        }
        hostileRun = json.readTree(service.upload(XSS, 1, SampleRuns.json(SampleRuns.passed(XSS, 40, 9))).body()).get("id").asText();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            service.close();
        }
    }

    @BeforeEach
    void forgetEarlierConsole() {
        browser.consoleErrors();
    }

    private void open(String path) {
        browser.driver().get(service.url(path));
    }

    private void awaitDrawn(String containerId) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d ->
                "true".equals(d.findElement(By.id(containerId)).getDomAttribute("data-drawn"))
                        || !d.findElements(By.cssSelector("#" + containerId + " .error")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#" + containerId + " .error"))).isEmpty();
        assertThat(Long.parseLong(browser.driver().findElement(By.id(containerId)).getDomAttribute("data-drawn-ms")))
                .as("when the charts were drawn, for the benchmark").isPositive();
    }

    private long painted(WebElement canvas) {
        return ((Number) browser.driver().executeScript(PAINTED, canvas)).longValue();
    }

    private void assertCleanConsoleAndNoAlert() {
        assertThat(browser.consoleErrors()).as("console errors and CSP violations").isEmpty();
        assertThat(browser.alertShown()).isFalse();
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void shouldDrawTheJobsTrendChartsAndOpenARunFromAPoint() {
        open("/jobs/shop");
        awaitDrawn("trend");

        List<WebElement> canvases = browser.driver().findElements(By.cssSelector("#trend canvas"));
        assertThat(canvases).extracting(c -> c.getDomAttribute("aria-label"))
                .contains("Latency (ms)", "Throughput (requests/s)", "Error rate (%)");
        assertThat(canvases).allSatisfy(c -> assertThat(painted(c)).as(c.getDomAttribute("aria-label")).isGreaterThan(1_000));
        assertCleanConsoleAndNoAlert();

        @SuppressWarnings("unchecked")
        List<Number> offset = (List<Number>) browser.driver().executeScript(POINT, canvases.get(0), 5);
        new Actions(browser.driver()).moveToElement(canvases.get(0), offset.get(0).intValue(), offset.get(1).intValue()).click().perform();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/runs/" + lastRun));
    }

    @Test
    void shouldDrawTheRunChartsAndListItsRegressionGates() {
        open("/runs/" + lastRun);
        awaitDrawn("run-charts");

        List<WebElement> canvases = browser.driver().findElements(By.cssSelector("#run-charts canvas"));
        assertThat(canvases).isNotEmpty().allSatisfy(c -> assertThat(painted(c)).isGreaterThan(1_000));
        String gates = browser.driver().findElement(By.cssSelector("table.gates")).getText();
        assertThat(gates).contains("scenario", "regression", "http.p95 within +10% of the baseline", "broken");
        assertCleanConsoleAndNoAlert();
    }

    @Test
    void shouldShowHostileJobAndScenarioNamesAsTextEverywhere() {
        open("/");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("canvas.sparkline")).isEmpty());
        WebElement link = browser.driver().findElement(By.linkText(XSS));
        assertThat(link.getDomAttribute("href")).isEqualTo("/jobs/" + segment(XSS));
        assertThat(painted(browser.driver().findElements(By.cssSelector("canvas.sparkline")).get(0))).isPositive();

        open("/jobs/" + segment(XSS));
        awaitDrawn("trend");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(XSS);
        assertThat(browser.driver().findElement(By.cssSelector("nav.scenarios")).getText()).contains(XSS);

        open("/runs/" + hostileRun);
        awaitDrawn("run-charts");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains(XSS);

        assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
        assertCleanConsoleAndNoAlert();
    }

    @Test
    void shouldShowTheDeltasAndTheVerdictOnTheComparePage() {
        open("/compare?a=" + firstRun + "&b=" + lastRun);

        String deltas = browser.driver().findElement(By.cssSelector("table.deltas")).getText();
        assertThat(deltas).contains("http.p95", "http.p99", "http.rps", "http.error_rate", "regression", "U=");
        assertThat(browser.driver().findElements(By.cssSelector("table.deltas .delta"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("+"));
        assertThat(browser.driver().findElement(By.cssSelector("p.regression")).getText()).startsWith("UNSTABLE");
        assertCleanConsoleAndNoAlert();
    }

    @Test
    void shouldSendAStrictContentSecurityPolicyWithEveryPage() throws Exception {
        for (String path : List.of("/", "/jobs/shop", "/runs/" + lastRun, "/compare?a=" + firstRun + "&b=" + lastRun)) {
            Map<String, List<String>> headers = service.get(path).headers().map();
            assertThat(headers.get("content-security-policy")).as(path).singleElement().asString()
                    .contains("default-src 'none'", "script-src 'self'", "require-trusted-types-for 'script'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }
}
