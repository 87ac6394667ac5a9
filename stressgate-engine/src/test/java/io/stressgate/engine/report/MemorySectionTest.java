package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RssGrowth;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's "Memory Leak Simulation" filled in: a Celery pool recycled and leaking, a worker OOM-killed, and a group
 * followed too briefly for a verdict; in summary.md (golden) and in report.html (its swimlane and RSS curve).
 */
class MemorySectionTest {
    private static final long MIB = 1024 * 1024;

    static RunResults run(String name) {
        List<RssGrowth.Point> curve = new ArrayList<>();
        for (int s = 0; s <= 40; s++) {
            curve.add(new RssGrowth.Point(s * 1000L, 120 * MIB + s * 4 * MIB));
        }
        RssGrowth growing = new RssGrowth(RssGrowth.GROWING, 240.0 * MIB, 236.0 * MIB, 244.0 * MIB, 4.8 * MIB,
                112 * MIB, 8_000L, 40_000L, 33, "Theil-Sen, 95% CI (Sen 1968)", null, curve);
        List<PidLife> pids = List.of(new PidLife(4120, 0, 40_000, 48 * MIB, true, null, null),
                new PidLife(4121, 300, 12_100, 96 * MIB, false, null, null),
                new PidLife(4188, 12_200, 40_000, 130 * MIB, true, null, null),
                new PidLife(4190, 500, 30_000, 70 * MIB, false, 137, "KILL"));
        ProcessSummary pool = new ProcessSummary(List.of(4120L, 4121L, 4188L, 4190L), 300 * MIB, 180.2, 12, 40, 3, 3,
                2L, 3L, List.of(new ProcessSummary.CountChange(0, 3)), 2L, 1L,
                List.of(new ProcessSummary.Death(4121, 12_100, null, null), ProcessSummary.Death.of(4190, 30_000, 137)),
                List.of(new ProcessSummary.Restart(4188, 12_200, 4121)), 4L, pids,
                new OomKills(1L, OomKills.CGROUP_V1, "oom_kill grew by 1 in /sys/fs/cgroup/memory/sg/memory.oom_control"),
                growing);
        RssGrowth tooShort = new RssGrowth(RssGrowth.UNKNOWN, null, null, null, null, null, null, null, 3,
                "Theil-Sen, 95% CI (Sen 1968)", "only 3 RSS samples after the first 20% of the run; at least 10 are needed"
                + " (a longer run)", List.of(new RssGrowth.Point(0, 10 * MIB), new RssGrowth.Point(1000, 11 * MIB)));
        ProcessSummary api = new ProcessSummary(List.of(77L), 11 * MIB, 5, 2, 9, 0, 1, 1L, 1L,
                List.of(new ProcessSummary.CountChange(0, 1)), 0L, 0L, List.of(), List.of(), 1L,
                List.of(new PidLife(77, 0, 4_000, 11 * MIB, true, null, null)),
                OomKills.unknown("no memory cgroup counter readable for 1 process(es)"), tooShort);
        Map<String, ProcessSummary> processes = new LinkedHashMap<>();
        processes.put(name, pool);
        processes.put("api", api);
        return ReportFixtures.run().toBuilder().processes(processes).build();
    }

    private static String memorySection(String summary) {
        int start = summary.indexOf("## Memory and workers");
        assertThat(start).as(summary).isNotNegative();
        int end = summary.indexOf("\n## ", start + 1);
        return summary.substring(start, end < 0 ? summary.length() : end + 1);
    }

    @Test
    void shouldFillInTheMemoryLeakSectionOfTheSummary() throws Exception {
        String summary = new SummaryReport().render(run("celery"));

        GoldenFiles.assertMatches("summary-memory.md", memorySection(summary));
    }

    @Test
    void shouldLeaveTheSectionOutForResultsWrittenBeforeProcessesWereFollowedOneByOne() {
        assertThat(new SummaryReport().render(ReportFixtures.run())).doesNotContain("Memory and workers");
    }

    @Test
    void shouldDrawALaneForEveryProcessAndTheRssCurveWithItsFittedSlope() {
        String html = new HtmlReport().render(run("celery"));

        int charts = html.indexOf("<section id=\"memory-charts\">");
        assertThat(charts).isPositive();
        String svg = html.substring(charts, html.indexOf("</section>", charts));
        assertThat(svg.split("<rect ", -1)).as("one lane per process of both groups").hasSize(4 + 1 + 1);
        assertThat(svg).contains("pid 4121, peak RSS 96MiB").contains("fill=\"#c62828\"")
                .contains("<polyline").contains("fitted 240MiB/min (Theil-Sen, 95% CI (Sen 1968)): growing")
                .doesNotContain("style=");
    }

    @Test
    void shouldEscapeAHostileGroupNameInTheCharts() {
        String html = new HtmlReport().render(run("<img src=x onerror=alert(1)>"));

        assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;: 4 processes (grey");
    }

    @Test
    void shouldReadBackTheNewFiguresFromResultsJson() throws Exception {
        RunResults r = run("celery");

        RunResults back = new ResultsReader().read(ResultsJson.toJson(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(back.processes().get("celery")).isEqualTo(r.processes().get("celery"));
    }
}
