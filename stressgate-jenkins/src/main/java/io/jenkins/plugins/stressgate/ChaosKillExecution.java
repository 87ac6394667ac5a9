package io.jenkins.plugins.stressgate;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.step.ChaosJudge;
import io.stressgate.engine.step.ChaosKillArgs;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import java.util.Map;
import java.util.UUID;
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

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        AgentCli cli = AgentCli.prepare(workspace, context.get(Launcher.class), context.get(TaskListener.class),
                context.get(EnvVars.class));
        String call = StepFiles.callDir(UUID.randomUUID().toString());
        FilePath callDir = cli.tempRoot().child(call);
        callDir.mkdirs();
        FilePath state = cli.tempRoot().child(StepFiles.chaosStateDir());
        state.mkdirs();
        try {
            AgentCli.Exit exit = cli.launch(cli.commands().chaos(args, callDir.child(StepFiles.CHAOS).getRemote(),
                    state.getRemote()), workspace, null);
            Received<ChaosEvent> event = cli.fetch(cli.tempRoot(), call + "/" + StepFiles.CHAOS, StepFiles.MAX_CHAOS_BYTES,
                    DOCUMENTS::chaos);
            return StepResults.apply(context, new ChaosJudge().judge(args, exit.code(), event),
                    () -> ChaosJudge.stepResult(event.value(), args.dryRun()));
        } finally {
            callDir.deleteRecursive();
        }
    }
}
