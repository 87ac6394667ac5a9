package io.jenkins.plugins.stressgate;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepTrends;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The job page's Stress Gate trends: one chart group per scenario over the last builds (failed ones included),
 * drawn by the shared chart views from a permission-checked JSON endpoint.
 */
public final class StressGateJobAction implements Action {
    /** How many builds the trend spans. */
    static final int TREND_BUILDS = 30;

    private final Job<?, ?> job;

    StressGateJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** The scenarios of the last builds, newest first, for one chart group each. */
    public List<String> getScenarios() {
        return new ArrayList<>(BuildHistory.scenarios(job, TREND_BUILDS));
    }

    /** {@code GET .../stressgate/trendData?scenario=PATH}: the scenario's trend as JSON for {@code renderTrend}. */
    @GET
    public void doTrendData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        String scenario = req.getParameter("scenario");
        if (scenario == null || !getScenarios().contains(scenario)) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String json = ResultsJson.toJson(StepTrends.trend(BuildHistory.latest(job, TREND_BUILDS), scenario,
                RunJudge.POLICY.baselineRuns()));
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (Writer out = rsp.getWriter()) {
            out.write(json);
        }
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Stress Gate trends";
    }

    @Override
    public String getUrlName() {
        return StressGateRunAction.URL_NAME;
    }
}
