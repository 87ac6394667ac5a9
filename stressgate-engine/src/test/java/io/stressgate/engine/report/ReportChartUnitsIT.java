package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a reader sees in report.html's charts, in a real headless Chromium: one unit per axis and named on it, the
 * RSS of each process group on a small chart of its own rather than under the machine's gigabytes, one time axis
 * for every chart, and a verdict badge made of Latin-1 text and CSS that needs no emoji font.
 */
class ReportChartUnitsIT {
    /** Per chart: its label, its y axis title, its x range, and where each dataset comes from (sample column or label). */
    private static final String CHARTS = """
            return Array.from(document.querySelectorAll('canvas')).map(function (c) {
              var chart = Chart.getChart(c), y = chart.options.scales.y;
              return { label: c.getAttribute('aria-label'), y: y.title && y.title.display ? String(y.title.text) : '',
                  xMin: chart.scales.x.min, xMax: chart.scales.x.max,
                  sources: chart.data.datasets.map(function (d) { return String(d.column || d.label); }) };
            });""";
    private static final Pattern GROUP_STAT = Pattern.compile("(.+)\\.(cpu_pct|rss_bytes|threads|fds|children|count)");
    private static final Pattern QUEUE_STAT = Pattern.compile("queue\\..+\\.(depth|started|failed|finished|unacked|length|pending)");
    /** The unit of each kind of series, and what the y axis title must say to name it. */
    private static final Map<String, Pattern> UNIT_ON_AXIS = Map.ofEntries(
            Map.entry("ms", axis("milliseconds")), Map.entry("per second", axis("per second")),
            Map.entry("bytes", axis("\\b(bytes|KiB|MiB|GiB|TiB)\\b")),
            Map.entry("% of all cores", axis("% of all cores")),
            Map.entry("% of one core", axis("% of one core")),
            Map.entry("load average", axis("load average")), Map.entry("processes", axis("processes")),
            Map.entry("threads", axis("threads")), Map.entry("fds", axis("file descriptors")),
            Map.entry("jobs", axis("jobs")), Map.entry("clients", axis("clients")));

    @RegisterExtension
    static final Browser browser = new Browser();
    private final HtmlReport report = new HtmlReport();
    @TempDir
    Path dir;

    @Test
    void shouldDrawEveryChartWithOneUnitNamedOnItsAxis() throws IOException {
        List<Map<String, Object>> charts = open(ReportFixtures.run());

        assertThat(charts).hasSizeGreaterThan(5).allSatisfy(chart -> {
            Set<String> units = sources(chart).stream().map(ReportChartUnitsIT::unitOf).collect(Collectors.toSet());
            assertThat(units).as("units of the datasets of %s: %s", chart.get("label"), chart.get("sources")).hasSize(1);
            String unit = units.iterator().next();
            assertThat((String) chart.get("y")).as("y axis title of %s", chart.get("label"))
                    .containsPattern(UNIT_ON_AXIS.get(unit));
        });
        assertThat(Browser.severe(browser.console())).isEmpty();
    }

    @Test
    void shouldDrawTheRssOfEachProcessGroupOnASmallChartOfItsOwnApartFromTheMachinesMemory() throws IOException {
        RunResults run = ReportFixtures.run();
        List<Map<String, Object>> charts = open(run);

        List<List<String>> rss = charts.stream().map(ReportChartUnitsIT::sources)
                .filter(s -> s.stream().anyMatch(c -> c.endsWith(".rss_bytes"))).toList();
        assertThat(rss).as("charts with process RSS").allSatisfy(s -> assertThat(s).hasSize(1))
                .extracting(s -> s.get(0)).containsExactlyElementsOf(run.processes().keySet().stream()
                        .map(g -> g + ".rss_bytes").toList());
        assertThat(charts).map(ReportChartUnitsIT::sources)
                .anySatisfy(s -> assertThat(s).containsExactly("mem_used_bytes", "mem_avail_bytes", "swap_used_bytes"));
        assertThat(Browser.severe(browser.console())).isEmpty();
    }

    @Test
    void shouldDrawEveryChartOverTheSameTimeAxis() throws IOException {
        List<Map<String, Object>> charts = open(ReportFixtures.run());

        assertThat(charts).extracting(c -> ((Number) c.get("xMin")).doubleValue()).containsOnly(0.0);
        assertThat(charts).extracting(c -> ((Number) c.get("xMax")).doubleValue()).containsOnly(36.0);
    }

    @Test
    void shouldShowTheVerdictAsAColouredBadgeOfLatinTextWithNoEmojiAnywhereOnThePage() throws IOException {
        for (Verdict verdict : Verdict.values()) {
            browser.console();
            RunResults run = withVerdict(verdict);
            assertThat(run.verdict()).isEqualTo(verdict);
            open(run);

            WebElement badge = browser.driver().findElement(By.cssSelector("header .badge"));
            assertThat(badge.getText()).as("badge of %s", verdict).isEqualTo(verdict.name());
            assertThat(badge.getCssValue("background-color")).as("badge colour of %s", verdict)
                    .isNotIn("rgba(0, 0, 0, 0)", "transparent", badge.getCssValue("color"));
            String text = browser.driver().findElement(By.tagName("body")).getText();
            assertThat(text.codePoints().filter(ReportChartUnitsIT::pictographic).mapToObj(Character::toString).toList())
                    .as("emoji and symbols that need an emoji font, page of %s", verdict).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".badge"))).isNotEmpty().allSatisfy(b ->
                    assertThat(b.getText().codePoints()).as("badge %s", b.getText()).allMatch(cp -> cp >= 0x20 && cp <= 0xFF));
            assertThat(Browser.severe(browser.console())).isEmpty();
        }
    }

    /** The realistic run with its gates cut down (or made one shard's) until they give the verdict. */
    private static RunResults withVerdict(Verdict verdict) {
        RunResults run = ReportFixtures.run();
        return switch (verdict) {
            case PASSED -> run.withGates(run.gates().stream().filter(GateResult::passed).toList());
            case UNSTABLE -> run.withGates(run.gates().stream().filter(g -> g.passed() || g.severity() == Severity.UNSTABLE)
                    .toList());
            case FAILED -> run;
            case PENDING -> run.asShard(new ShardInfo(1, 2, "checkout", 0, 0L));
        };
    }

    /** Symbols, dingbats, arrows and pictographs: what shows as an empty box where no emoji font is installed. */
    static boolean pictographic(int cp) {
        return cp >= 0x2190 && cp <= 0x2BFF || cp >= 0x1F000 || cp == 0xFE0F || cp == 0x200D;
    }

    private static Pattern axis(String unit) {
        return Pattern.compile(unit, Pattern.CASE_INSENSITIVE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> sources(Map<String, Object> chart) {
        return (List<String>) chart.get("sources");
    }

    /** The unit of a series, known here from the sampler's column names and the load charts' labels. */
    private static String unitOf(String source) {
        if (source.matches("p50|p95|p99|max|.+ p95")) {
            return "ms";
        }
        if (source.endsWith("/s")) {
            return "per second";
        }
        switch (source) {
            case "cpu_pct":
                return "% of all cores";
            case "mem_used_bytes", "mem_avail_bytes", "swap_used_bytes", "redis.used_memory":
                return "bytes";
            case "load1":
                return "load average";
            case "redis.connected_clients":
                return "clients";
            default:
                break;
        }
        if (QUEUE_STAT.matcher(source).matches()) {
            return "jobs";
        }
        var group = GROUP_STAT.matcher(source);
        assertThat(group.matches()).as("the test knows the unit of series %s", source).isTrue();
        return switch (group.group(2)) {
            case "cpu_pct" -> "% of one core";
            case "rss_bytes" -> "bytes";
            case "threads" -> "threads";
            case "fds" -> "fds";
            default -> "processes";
        };
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> open(RunResults run) throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, report.render(run), StandardCharsets.UTF_8);
        browser.open(file);
        return (List<Map<String, Object>>) browser.driver().executeScript(CHARTS);
    }
}
