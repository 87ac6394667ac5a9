package io.stressgate.server.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.javalin.http.Context;
import io.stressgate.engine.regression.BaselineRun;
import io.stressgate.engine.regression.BaselineSelector;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.report.Trend;
import io.stressgate.engine.report.TrendBuilder;
import io.stressgate.engine.report.TrendPoint;
import io.stressgate.server.gate.GateAnswer;
import io.stressgate.server.gate.ReleaseGate;
import io.stressgate.server.store.EndpointPage;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.RunSummary;
import io.stressgate.server.store.RunRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read side of the API: jobs, runs, trends, comparisons and the release gate. */
final class QueryApi {
    static final int MAX_LAST = 5_000;
    private static final int SPARKLINE = 20;

    private final RunStore runs;
    private final ReleaseGate gate;
    private final RegressionPolicy policy;

    QueryApi(RunStore runs, ReleaseGate gate, RegressionPolicy policy) {
        this.runs = runs;
        this.gate = gate;
        this.policy = policy;
    }

    /**
     * A run with the view of its results kept at ingest (the totals and the busiest endpoints; all of it for a small
     * run), whether the client's clock was off, and where its full endpoint list is paged (null for runs stored before).
     */
    record RunView(RunSummary run, boolean clockSkewed, @JsonRawValue String results, Endpoints endpoints) {
    }

    /** How many endpoints a run has, how many a page holds, and the URL of the first page. */
    record Endpoints(int total, int pageSize, int pages, String firstPage) {
        static Endpoints of(String runId, EndpointPage page) {
            return new Endpoints(page.total(), page.pageSize(), page.pages(), WebApp.API + "/runs/" + runId + "/endpoints?page=1");
        }
    }

    /** A job's trend for one scenario, with the other scenarios it ran. */
    record TrendView(String job, String scenario, List<String> scenarios, List<String> metrics, Trend trend) {
    }

    /** Run B against run A as its pinned baseline. */
    record CompareView(RunSummary a, RunSummary b, RegressionReport regression) {
    }

    void jobs(Context ctx) {
        ctx.json(runs.jobs(SPARKLINE));
    }

    void runs(Context ctx) {
        String job = job(ctx);
        int limit = (int) Params.positive(ctx, "limit", 50L, 1000);
        long before = Params.positive(ctx, "before", Long.MAX_VALUE, Long.MAX_VALUE);
        String order = Params.choice(ctx, "order", List.of("build", "received"), "build");
        List<RunSummary> list = runs.runs(job, limit, before, RunStore.Order.valueOf(order.toUpperCase(java.util.Locale.ROOT)));
        if (list.isEmpty() && runs.scenarios(job).isEmpty()) {
            throw ApiException.notFound("no job named " + job + " has runs");
        }
        ctx.json(list);
    }

    void run(Context ctx) {
        RunRecord run = find(ctx.pathParam("id"), "id");
        Endpoints endpoints = runs.endpoints(run.summary().id(), 1).map(p -> Endpoints.of(run.summary().id(), p)).orElse(null);
        ctx.json(new RunView(run.summary(), run.summary().clockSkewed(), run.resultsJson(), endpoints));
    }

    /** {@code GET /runs/{id}/endpoints?page=N}: one page of the run's endpoints, so no read costs the whole list. */
    void endpoints(Context ctx) {
        String id = Params.checkedName("id", ctx.pathParam("id"), 64);
        ctx.json(endpointPage(id, (int) Params.positive(ctx, "page", 1L, Integer.MAX_VALUE)));
    }

    EndpointPage endpointPage(String id, int page) {
        return runs.endpoints(id, page).orElseThrow(() -> ApiException.notFound("no run with id " + id + " has an endpoint list"));
    }

    /** {@code GET /runs/{id}/results}: the results document exactly as accepted, all of it. */
    void results(Context ctx) {
        String id = Params.checkedName("id", ctx.pathParam("id"), 64);
        ctx.contentType("application/json").result(runs.fullResults(id).orElseThrow(() -> ApiException.notFound("no run with id " + id)));
    }

    void trend(Context ctx) {
        ctx.json(trendView(ctx, job(ctx)));
    }

    private TrendView trendView(Context ctx, String job) {
        List<String> scenarios = runs.scenarios(job);
        if (scenarios.isEmpty()) {
            throw ApiException.notFound("no job named " + job + " has runs");
        }
        String scenario = Params.name(ctx, "scenario", false);
        if (scenario == null) {
            scenario = scenarios.get(0);
        } else if (!scenarios.contains(scenario)) {
            throw ApiException.notFound("job " + job + " has no runs of scenario " + scenario);
        }
        List<String> metrics = metrics(ctx.queryParam("metric"));
        int last = (int) Params.positive(ctx, "last", 100L, MAX_LAST);
        List<TrendPoint> points = runs.trend(job, scenario, last).stream().map(r -> point(r, metrics)).toList();
        return new TrendView(job, scenario, scenarios, metrics, new TrendBuilder(policy.baselineRuns()).trend(points));
    }

    private static TrendPoint point(RunSummary r, List<String> metrics) {
        Map<String, Double> kept = new LinkedHashMap<>();
        metrics.forEach(m -> {
            if (r.metrics().containsKey(m)) {
                kept.put(m, r.metrics().get(m));
            }
        });
        return new TrendPoint("#" + r.build(), r.build(), r.verdict(), "/runs/" + r.id(), r.startedAt(), kept);
    }

    private static List<String> metrics(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return TrendBuilder.METRICS;
        }
        List<String> asked = Arrays.stream(parameter.split(",")).map(String::trim).toList();
        for (String m : asked) {
            if (!TrendBuilder.METRICS.contains(m)) {
                throw ApiException.badParameter("metric", "unknown metric; known: " + String.join(", ", TrendBuilder.METRICS));
            }
        }
        return asked;
    }

    void compare(Context ctx) {
        ctx.json(compareView(ctx));
    }

    CompareView compareView(Context ctx) {
        RunRecord a = find(Params.name(ctx, "a", true), "a");
        RunRecord b = find(Params.name(ctx, "b", true), "b");
        BaselineRun pinned = new BaselineRun(a.summary().id(), a.summary().build(), a.results());
        RegressionReport report = new RegressionAnalyzer(policy).analyze(b.results(), new BaselineSelector(policy).pinned(pinned));
        return new CompareView(a.summary(), b.summary(), report);
    }

    void gate(Context ctx) {
        String job = job(ctx);
        long build = Params.positive(ctx, "build", null, Long.MAX_VALUE);
        List<String> required = ctx.queryParams("scenario").stream().map(s -> Params.checkedName("scenario", s, 128)).toList();
        GateAnswer answer = gate.answer(job, build, required);
        ctx.status(answer.found() ? 200 : 404).json(answer);
    }

    private RunRecord find(String id, String parameter) {
        Params.checkedName(parameter, id, 64);
        return runs.find(id).orElseThrow(() -> ApiException.notFound("no run with id " + id));
    }

    static String job(Context ctx) {
        return Params.checkedName("job", ctx.pathParam("job"), 128);
    }
}
