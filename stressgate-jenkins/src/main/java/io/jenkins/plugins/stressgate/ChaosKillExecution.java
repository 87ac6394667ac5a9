package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.FilePath;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.step.ChaosJudge;
import io.stressgate.engine.step.ChaosKillArgs;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@code stressgate chaos} on the agent and applies the engine's {@link ChaosJudge} verdict on its event. */
final class ChaosKillExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final StepDocuments DOCUMENTS = new StepDocuments();

    private final transient ChaosKillArgs args;

    ChaosKillExecution(StepContext context, ChaosKillArgs args) {
        super(context);
        this.args = args;
    }

    /** This step cannot re-attach after Jenkins restarted; it fails saying how a stopped target gets restored. */
    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(ChaosJudge.notResumable(StepFiles.TEMP_ROOT + "/" + StepFiles.chaosStateDir()
                + " below the workspace's @tmp directory")));
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        AgentCli cli = AgentCli.prepare(context);
        FilePath state = cli.tempRoot().child(StepFiles.chaosStateDir());
        state.mkdirs();
        try (AgentCli.Call call = cli.newCall()) {
            AgentCli.Exit exit = cli.launch(cli.commands().chaos(args, call.path(StepFiles.CHAOS), state.getRemote()),
                    context.get(FilePath.class), null);
            Received<ChaosEvent> event = call.fetch(StepFiles.CHAOS, StepFiles.MAX_CHAOS_BYTES, DOCUMENTS::chaos);
            return StepResults.apply(context, new ChaosJudge().judge(args, exit.code(), event),
                    () -> ChaosJudge.stepResult(event.value(), args.dryRun()));
        }
    }
}
