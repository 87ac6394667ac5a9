package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.server.testing.HeadlessChromium;
import io.stressgate.server.testing.SampleRuns;
import io.stressgate.server.testing.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Response checks on the service's pages in a real headless Chromium: the run page lists every check of the run
 * with its counts and pass rate, and the job page charts the check failure rate of each build; names stay text.
 */
class CheckPagesIT {
    private static final String XSS = "<img src=x onerror=alert(1)>";
    /** Failed check evaluations of builds 1 to 4, out of 1,000 each; build 5 ran no check and has no point. */
    private static final long[] FAILS = {0, 20, 5, 250};
    private static final String CHART_VALUES = """
            var chart = Chart.getChart(arguments[0]);
            return chart.data.datasets[0].data.map(function (p) { return [p.x, p.y]; });""";
    @TempDir
    static Path dir;
    private static TestService service;
    private static HeadlessChromium browser;
    private static String checkedRun;
    private static String hostileRun;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dir);
        ObjectMapper json = new ObjectMapper();
        for (int build = 1; build <= FAILS.length; build++) {
            long fails = FAILS[build - 1];
            RunResults r = SampleRuns.passed("checkout", 40, build).toBuilder().checks(List.of(
                    new CheckSummary("create-order", "has-id", "json /id exists", true, 600 - fails, fails),
                    new CheckSummary("create-order", "request-id", "header X-Request-ID exists", false, 400, 0),
                    new CheckSummary("poll-status", "queued", "json /status equals \"queued\"", false, 0, 0))).build();
            checkedRun = json.readTree(service.upload("orders", build, SampleRuns.json(r)).body()).get("id").asText();
        }
        service.upload("orders", FAILS.length + 1, SampleRuns.json(SampleRuns.passed("checkout", 40, 9)));
        RunResults hostile = SampleRuns.passed("checkout", 40, 11).toBuilder()
                .checks(List.of(new CheckSummary(XSS, XSS, "header X equals \"" + XSS + "\"", false, 3, 1))).build();
        hostileRun = json.readTree(service.upload("hostile", 1, SampleRuns.json(hostile)).body()).get("id").asText();
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

    private void awaitDrawn(String containerId) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d ->
                "true".equals(d.findElement(By.id(containerId)).getDomAttribute("data-drawn"))
                        || !d.findElements(By.cssSelector("#" + containerId + " .error")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#" + containerId + " .error"))).isEmpty();
    }

    private List<String> checkRows() {
        return browser.driver().findElements(By.cssSelector("table.checks tbody tr")).stream().map(WebElement::getText).toList();
    }

    @Test
    void shouldListEveryCheckOfTheRunWithItsCountsAndPassRate() {
        browser.driver().get(service.url("/runs/" + checkedRun));
        awaitDrawn("run-charts");

        assertThat(checkRows()).containsExactly(
                "create-order has-id json /id exists fails the request 350 250 58.33%",
                "create-order request-id header X-Request-ID exists counted 400 0 100%",
                "poll-status queued json /status equals \"queued\" counted 0 0 never ran");
        assertThat(browser.driver().findElement(By.cssSelector("p.checks-verdict")).getText())
                .isEqualTo("1 of 3 checks failed on at least one response; 1 of 3 never ran, so it proves nothing.");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void shouldChartTheCheckFailureRateOfEveryBuildThatRanChecks() {
        browser.driver().get(service.url("/jobs/orders"));
        awaitDrawn("trend");

        WebElement canvas = browser.driver().findElement(By.cssSelector("#trend canvas[aria-label='Check failure rate (%)']"));
        browser.driver().executeScript("arguments[0].scrollIntoView()", canvas);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                Boolean.TRUE.equals(browser.driver().executeScript("return Chart.getChart(arguments[0]) !== undefined", canvas)));
        @SuppressWarnings("unchecked")
        List<List<Number>> points = (List<List<Number>>) browser.driver().executeScript(CHART_VALUES, canvas);
        assertThat(points).hasSize(FAILS.length + 1);
        for (int i = 0; i < FAILS.length; i++) {
            assertThat(points.get(i).get(1).doubleValue()).as("build %d", i + 1).isCloseTo(FAILS[i] / 1000.0 * 100, within(1e-9));
        }
        assertThat(points.get(FAILS.length).get(1)).as("a build without checks has no point, not a 0").isNull();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void shouldServeTheCheckFailureRateInTheTrendApi() throws Exception {
        JsonNode trend = new ObjectMapper().readTree(service.get("/api/v1/jobs/orders/trend?metric=checkFailRate").body());

        assertThat(trend.at("/trend/points/1/metrics/checkFailRate").asDouble()).isCloseTo(0.02, within(1e-12));
        assertThat(trend.at("/trend/points/4/metrics").has("checkFailRate")).isFalse();
    }

    @Test
    void shouldShowHostileCheckNamesAsText() {
        browser.driver().get(service.url("/runs/" + hostileRun));
        awaitDrawn("run-charts");

        assertThat(checkRows()).containsExactly(XSS + " " + XSS + " header X equals \"" + XSS + "\" counted 3 1 75%");
        assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.alertShown()).isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
