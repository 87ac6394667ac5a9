package io.stressgate.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.stressgate.engine.regression.MetricComparison;
import io.stressgate.engine.regression.RankSumResult;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.server.gate.GateAnswer;
import io.stressgate.server.gate.ReleaseGate;
import io.stressgate.server.store.JobSummary;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.RunSummary;
import io.stressgate.server.store.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's HTML pages: jobs with their last verdict and a sparkline, a job's trends across builds, a run with
 * its charts and gates, and two runs compared. Pages carry data only as escaped text and data attributes; the charts
 * are drawn by /assets/pages.js with the shared chart views from the API's JSON.
 */
final class Pages {
    private static final int BUILDS_LISTED = 50;
    /** Builds the job page charts unless asked for more: enough to see a trend, few enough to draw at once. */
    private static final int PAGE_BUILDS = 200;
    private final QueryApi query;
    private final RunStore runs;
    private final ReleaseGate gate;

    Pages(QueryApi query, RunStore runs, ReleaseGate gate) {
        this.query = query;
        this.runs = runs;
        this.gate = gate;
    }

    void register(Javalin app) {
        new Assets().register(app);
        app.get("/", this::jobs);
        app.get("/jobs/{job}", this::job);
        app.get("/runs/{id}", this::run);
        app.get("/compare", this::compare);
    }

    private void jobs(Context ctx) {
        Html page = new Html("Jobs", "jobs").element("h1", "Jobs");
        List<List<String>> rows = new ArrayList<>();
        for (JobSummary j : runs.jobs(20)) {
            rows.add(List.of(Html.anchor("/jobs/" + Html.segment(j.name()), j.name()), Html.badge(j.lastVerdict()),
                    Html.cell("#" + j.lastBuild()), Html.cell(j.runs()), Html.cell(j.lastReceivedAt()),
                    "<canvas class=\"sparkline\" width=\"160\" height=\"32\" data-values=\"" + Html.text(json(j.sparkline()))
                            + "\" aria-label=\"p95 of the last runs\"></canvas>"));
        }
        page.table("jobs", List.of("job", "last build's own verdict", "last build", "runs", "last received", "p95 trend"), rows);
        if (rows.isEmpty()) {
            page.element("p", "No run has been published yet: see stressgate publish.");
        }
        ctx.html(page.finish());
    }

    private void job(Context ctx) {
        String job = QueryApi.job(ctx);
        List<String> scenarios = runs.scenarios(job);
        if (scenarios.isEmpty()) {
            throw ApiException.notFound("no job named " + job + " has runs");
        }
        String scenario = Params.name(ctx, "scenario", false);
        if (scenario != null && !scenarios.contains(scenario)) {
            throw ApiException.notFound("job " + job + " has no runs of scenario " + scenario);
        }
        String shown = scenario != null ? scenario : scenarios.get(0);
        long last = Params.positive(ctx, "last", (long) PAGE_BUILDS, QueryApi.MAX_LAST);
        String base = "/jobs/" + Html.segment(job) + "?scenario=" + Html.segment(shown);
        String data = "/api/v1/jobs/" + Html.segment(job) + "/trend?scenario=" + Html.segment(shown) + "&last=" + last;
        Html page = new Html(job, "job", data, Map.of("trend-url", data)).element("h1", job);
        page.raw("<nav class=\"builds\">Builds charted: ");
        for (long n : new long[] {PAGE_BUILDS, 1_000, QueryApi.MAX_LAST}) {
            page.raw(n == last ? "<strong>last " + n + "</strong> " : Html.anchor(base + "&last=" + n, "last " + n) + " ");
        }
        page.raw("</nav>\n");
        page.raw("<nav class=\"scenarios\">Scenario: ");
        for (String s : scenarios) {
            page.raw(s.equals(shown) ? "<strong>" + Html.text(s) + "</strong> "
                    : Html.anchor("/jobs/" + Html.segment(job) + "?scenario=" + Html.segment(s), s) + " ");
        }
        page.raw("</nav>\n<p class=\"legend\">Points are coloured by verdict (green PASSED, amber UNSTABLE, red FAILED); the "
                + "shaded band is the range of the last PASSED builds; click a point to open its run.</p>\n");
        page.raw("<div id=\"trend\" class=\"charts\"></div>\n").element("h2", "Latest builds");
        List<List<String>> rows = new ArrayList<>();
        List<RunSummary> recent = runs.runs(job, BUILDS_LISTED, Long.MAX_VALUE);
        for (RunSummary r : recent) {
            rows.add(List.of(Html.anchor("/runs/" + Html.segment(r.id()), "#" + r.build()), Html.cell(r.scenario()),
                    Html.badge(r.verdict()), Html.cell(r.status()), Html.cell(metric(r, "p95", "ms")), Html.cell(metric(r, "rps", "/s")),
                    Html.cell(r.startedAt()), Html.cell(r.receivedAt()) + (r.clockSkewed() ? " <span class=\"flag\">client clock off by "
                            + Html.text(Quantities.format(java.time.Duration.ofMillis(Math.abs(r.clockSkewMs())))) + "</span>" : "")));
        }
        ctx.html(page.table("builds", List.of("build", "scenario", "own verdict", "status", "p95", "rps", "started (agent clock)",
                "received"), rows).finish());
    }

    private void run(Context ctx) {
        String id = Params.checkedName("id", ctx.pathParam("id"), 64);
        RunRecord stored = runs.find(id).orElseThrow(() -> ApiException.notFound("no run with id " + id));
        RunSummary r = stored.summary();
        GateAnswer.RunGate judged = gate.judge(stored);
        String data = "/api/v1/runs/" + Html.segment(id);
        Html page = new Html(r.job() + " #" + r.build(), "run", data, Map.of("run-url", data));
        page.raw("<h1>").link("/jobs/" + Html.segment(r.job()), r.job()).raw(" " + Html.text("#" + r.build() + " · " + r.scenario()))
                .raw("</h1>\n");
        page.facts(RunPageSections.facts(r, judged));
        page.element("h2", "Gates").table("gates", List.of("source", "gate", "severity", "actual", "limit", "result", "message"),
                RunPageSections.gates(judged.gates()));
        RunResults results = stored.results();
        RunPageSections.checks(page, results.checks());
        if (judged.regression() != null) {
            regression(page, judged.regression());
        }
        page.element("h2", "Over time").raw("<div id=\"run-charts\" class=\"charts\"></div>\n");
        long endpointPage = Params.positive(ctx, "endpoints", 1L, Integer.MAX_VALUE);
        runs.endpoints(id, (int) endpointPage).ifPresent(p -> EndpointsSection.render(page, "/runs/" + Html.segment(id), p));
        RunPageSections.details(page, results);
        ctx.html(page.finish());
    }

    private void compare(Context ctx) {
        QueryApi.CompareView view = query.compareView(ctx);
        Html page = new Html("Compare", "compare").element("h1", "Compare two runs");
        page.table("sides", List.of("", "A (baseline)", "B"), List.of(
                List.of("run", Html.anchor("/runs/" + Html.segment(view.a().id()), view.a().job() + " #" + view.a().build()),
                        Html.anchor("/runs/" + Html.segment(view.b().id()), view.b().job() + " #" + view.b().build())),
                List.of("scenario", Html.cell(view.a().scenario()), Html.cell(view.b().scenario())),
                List.of("own verdict", Html.badge(view.a().verdict()), Html.badge(view.b().verdict())),
                List.of("started", Html.cell(view.a().startedAt()), Html.cell(view.b().startedAt()))));
        regression(page, view.regression());
        ctx.html(page.finish());
    }

    private static void regression(Html page, RegressionReport report) {
        page.element("h2", "Against the baseline").raw("<p class=\"regression\">").verdict(report.verdict())
                .raw(" " + Html.text(report.summary()) + "</p>\n");
        List<List<String>> rows = new ArrayList<>();
        for (MetricComparison c : report.comparisons()) {
            RankSumResult t = c.test();
            rows.add(List.of(Html.cell(c.metric()), Html.cell(value(c.baseline(), c.unit())), Html.cell(value(c.candidate(), c.unit())),
                    "<span class=\"delta\">" + Html.text(c.changeText()) + "</span>", Html.cell(c.limitText()),
                    Html.cell(t == null ? c.testNote() : String.format(Locale.ROOT, "U=%s z=%.2f p=%.3g δ=%.2f (%s) n=%d/%d",
                            Quantities.formatNumber(t.u()), t.z(), t.pValue(), t.cliffsDelta(), t.effectLabel(), t.candidateSize(),
                            t.baselineSize())),
                    c.regression() ? "<strong class=\"bad\">regression</strong>" : "ok"));
        }
        if (!rows.isEmpty()) {
            page.table("deltas", List.of("metric", "baseline", "this run", "change", "limit", "rank test", "verdict"), rows);
        }
    }

    static String value(Double v, String unit) {
        if (v == null) {
            return null;
        }
        return "%".equals(unit) ? Quantities.formatNumber(v * 100) + "%" : Quantities.formatNumber(v) + unit;
    }

    private static String metric(RunSummary r, String key, String unit) {
        return value(r.metrics().get(key), unit);
    }

    private static String json(List<Double> values) {
        return values.stream().map(v -> v == null ? "null" : Quantities.formatNumber(v))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
