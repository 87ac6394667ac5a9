package io.jenkins.plugins.stressgate;

import hudson.model.Item;
import hudson.model.Run;
import io.stressgate.engine.result.ResultsException;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.step.RunDigest;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepOutcome;
import io.stressgate.engine.step.StoredRun;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The Stress Gate results of one build: one entry per {@code stressTest} or {@code stressGateMerge} call (a build may
 * run several; a sharded run has one entry per shard and one for the merge), a summary
 * box on the build page, a report page with each run's charts, and a permission-checked JSON endpoint the charts
 * read. build.xml holds only the entries; each run's results are a file of their own below the build directory.
 */
public final class StressGateRunAction implements RunAction2 {
    static final String URL_NAME = "stressgate";
    static final String DIRECTORY = "stressgate";

    /** Guards adding the action to a build; parallel branches may call stressTest at the same time. */
    private static final Object ATTACH = new Object();

    /** Copy-on-write: build.xml may be written by another thread while a parallel branch adds an entry. */
    private final List<StressRunEntry> entries = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action, added on first use; one action holds every call, so nothing is replaced. */
    static StressGateRunAction of(Run<?, ?> run) {
        synchronized (ATTACH) {
            StressGateRunAction action = run.getAction(StressGateRunAction.class);
            if (action == null) {
                action = new StressGateRunAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** Records one call: writes its results (if any) next to build.xml and adds its entry. */
    synchronized StressRunEntry record(String scenario, String cookie, RunResults results, StepOutcome outcome)
            throws IOException {
        int index = entries.size() + 1;
        StressRunEntry entry;
        if (results == null) {
            entry = StressRunEntry.without(index, scenario, cookie, RunJudge.unexplainedFailure(null, outcome));
        } else {
            File file = resultsFile(index);
            Files.createDirectories(file.getParentFile().toPath());
            ResultsJson.write(results, file.toPath());
            entry = StressRunEntry.of(index, scenario, cookie, RunDigest.of(results),
                    RunJudge.unexplainedFailure(results, outcome));
        }
        entries.add(entry);
        run.save();
        return entry;
    }

    /** The stored results of an entry, read back with the strict reader; null when the call had none. */
    RunResults load(StressRunEntry entry) throws IOException, ResultsException {
        return entry.isHasResults() ? new ResultsReader().read(resultsFile(entry.getIndex()).toPath()) : null;
    }

    /** Where an entry's results are kept; the name comes from the index only, never from the results. */
    File resultsFile(int index) {
        return new File(new File(run.getRootDir(), DIRECTORY), "results-" + index + ".json");
    }

    /** This build's calls that kept results, for the merge step; each is read with the strict reader when asked. */
    List<StoredRun> storedRuns() {
        List<StoredRun> out = new ArrayList<>();
        for (StressRunEntry entry : entries) {
            if (entry.isHasResults()) {
                out.add(new StoredRun(run.getNumber(), "call " + entry.getIndex() + " of this build", run.getUrl(),
                        entry.getScenario(), Verdict.valueOf(entry.getVerdict()), () -> load(entry)));
            }
        }
        return out;
    }

    public List<StressRunEntry> getEntries() {
        return List.copyOf(entries);
    }

    /** The run cookie of the build's last {@code stressTest} (a merge starts no process and has none), for {@code assertNoOrphans}. */
    String lastRunCookie() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).getRunCookie() != null) {
                return entries.get(i).getRunCookie();
            }
        }
        return null;
    }

    public Run<?, ?> getOwner() {
        return run;
    }

    /** The absolute URL of an entry's section on the report page, or null when Jenkins' URL is not configured. */
    String reportUrl(StressRunEntry entry) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? null : root + run.getUrl() + URL_NAME + "/#" + entry.getAnchor();
    }

    /** {@code GET .../stressgate/results?entry=N}: the entry's results as JSON, for the charts of the report page. */
    @GET
    public void doResults(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        StressRunEntry entry = entry(req.getParameter("entry"));
        if (entry == null || !entry.isHasResults()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        RunResults results;
        try {
            results = load(entry);
        } catch (ResultsException e) {
            rsp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the stored results cannot be read");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (Writer out = rsp.getWriter()) {
            out.write(ResultsJson.toJson(results));
        }
    }

    private StressRunEntry entry(String index) {
        if (index == null || !index.matches("[0-9]{1,6}")) {
            return null;
        }
        int i = Integer.parseInt(index);
        return i >= 1 && i <= entries.size() ? entries.get(i - 1) : null;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Stress Gate";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
