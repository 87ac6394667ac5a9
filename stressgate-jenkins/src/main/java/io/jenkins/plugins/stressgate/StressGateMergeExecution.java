package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.model.Run;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.step.RunDigest;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.ShardStep;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Hands the shards this build recorded (each read back with the strict, size-capped reader) and the earlier builds'
 * runs to {@link ShardStep#merge}, which decides everything; records the merge as one entry (with no run cookie: it
 * started no process, so {@code assertNoOrphans} keeps looking for the last shard's) and applies its outcome.
 */
final class StressGateMergeExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient ShardStep.MergeArgs args;

    StressGateMergeExecution(StepContext context, ShardStep.MergeArgs args) {
        super(context);
        this.args = args;
    }

    /** The merge reads only files on the controller, but like stressTest it does not resume after a restart. */
    @Override
    public void onResume() {
        getContext().onFailure(new AbortException("stressGateMerge: Jenkins restarted during the merge; run the merge again"));
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        StressGateRunAction action = StressGateRunAction.of(run);
        RunJudge.Judgement merged = ShardStep.merge(args, run.getNumber(), action.storedRuns(),
                BuildHistory.before(run, BuildHistory.BASELINE_BUILDS));
        RunResults results = merged.results();
        StressRunEntry entry = action.record(args.scenario(), null, results, merged.outcome());
        String reportUrl = action.reportUrl(entry);
        return StepResults.apply(context, merged.outcome(), () -> RunDigest.of(results).stepResult(reportUrl));
    }
}
