package io.jenkins.plugins.stressgate;

import hudson.model.Job;
import hudson.model.Run;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.step.StoredRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a job's earlier builds (a bounded number, newest first) and lists their Stress Gate runs for the engine,
 * which decides what to do with them; results are loaded only when the engine asks.
 */
final class BuildHistory {
    /** How far back regression baselines are looked for. */
    static final int BASELINE_BUILDS = 50;
    /** How many builds the job page looks at to decide whether to show the trend. */
    static final int PRESENCE_BUILDS = 10;

    private BuildHistory() {
    }

    /** The runs of the builds before {@code run}, newest first; within a build, the last call first. */
    static List<StoredRun> before(Run<?, ?> run, int maxBuilds) {
        List<StoredRun> out = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> r = run.getPreviousBuild(); r != null && seen < maxBuilds; r = r.getPreviousBuild(), seen++) {
            addRuns(r, out);
        }
        return out;
    }

    /** The runs of the job's last builds, newest first. */
    static List<StoredRun> latest(Job<?, ?> job, int maxBuilds) {
        List<StoredRun> out = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> r = job.getLastBuild(); r != null && seen < maxBuilds; r = r.getPreviousBuild(), seen++) {
            addRuns(r, out);
        }
        return out;
    }

    /** Whether any of the job's last builds ran {@code stressTest}, whatever their result. */
    static boolean hasStressRuns(Job<?, ?> job, int maxBuilds) {
        int seen = 0;
        for (Run<?, ?> r = job.getLastBuild(); r != null && seen < maxBuilds; r = r.getPreviousBuild(), seen++) {
            if (r.getAction(StressGateRunAction.class) != null) {
                return true;
            }
        }
        return false;
    }

    /** The scenarios the job's last builds ran, newest first. */
    static Set<String> scenarios(Job<?, ?> job, int maxBuilds) {
        Set<String> out = new LinkedHashSet<>();
        for (StoredRun run : latest(job, maxBuilds)) {
            out.add(run.scenario());
        }
        return out;
    }

    private static void addRuns(Run<?, ?> r, List<StoredRun> out) {
        StressGateRunAction action = r.getAction(StressGateRunAction.class);
        if (action == null) {
            return;
        }
        List<StressRunEntry> entries = action.getEntries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            StressRunEntry entry = entries.get(i);
            if (entry.isHasResults()) {
                out.add(new StoredRun(r.getNumber(), r.getDisplayName(), r.getUrl(), entry.getScenario(),
                        Verdict.valueOf(entry.getVerdict()), () -> action.load(entry)));
            }
        }
    }
}
