package io.stressgate.engine.step;

import io.stressgate.engine.report.BuildRun;
import io.stressgate.engine.report.Trend;
import io.stressgate.engine.report.TrendBuilder;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trend of one scenario over a job's builds, for the job page: picks the scenario's runs from the stored runs
 * the host lists (newest first), one per build (its last call), skips runs that cannot be loaded, and hands them
 * oldest first to the shared {@link TrendBuilder}.
 */
public final class StepTrends {
    private StepTrends() {
    }

    /** @param baselineRuns how many passed builds make the baseline band (the regression policy's K) */
    public static Trend trend(List<StoredRun> newestFirst, String scenario, int baselineRuns) {
        List<BuildRun> builds = new ArrayList<>();
        long lastBuild = Long.MIN_VALUE;
        for (StoredRun run : newestFirst) {
            // a shard's results are a share of a run, not a run: the build's merge is its one point on the trend
            if (!run.scenario().equals(scenario) || run.build() == lastBuild || run.verdict() == Verdict.PENDING) {
                continue;
            }
            RunResults results = loadOrNull(run);
            if (results != null) {
                builds.add(new BuildRun(run.label(), run.build(), run.url(), results));
                lastBuild = run.build();
            }
        }
        Collections.reverse(builds);
        return new TrendBuilder(baselineRuns).build(builds);
    }

    /** A build whose results cannot be read is left out of the chart, like one that did not run the scenario. */
    private static RunResults loadOrNull(StoredRun run) {
        try {
            return run.loader().load();
        } catch (Exception e) {
            return null;
        }
    }
}
