package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.step.AssertNoOrphansArgs;
import io.stressgate.engine.step.CliCommands;
import io.stressgate.engine.step.OrphanJudge;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.StepArgumentException;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@code stressgate orphans} on the agent for the build's cookie and applies the engine's {@link OrphanJudge} verdict. */
final class AssertNoOrphansExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final StepDocuments DOCUMENTS = new StepDocuments();

    private final transient AssertNoOrphansArgs args;

    AssertNoOrphansExecution(StepContext context, AssertNoOrphansArgs args) {
        super(context);
        this.args = args;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        EnvVars env = context.get(EnvVars.class);
        StressGateRunAction runs = run.getAction(StressGateRunAction.class);
        AssertNoOrphansArgs.Query query;
        try {
            query = args.resolve(runs == null ? null : runs.lastRunCookie(), env.get(CliCommands.NODE_COOKIE));
        } catch (StepArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        AgentCli cli = AgentCli.prepare(context);
        try (AgentCli.Call call = cli.newCall()) {
            AgentCli.Exit exit = cli.launch(cli.commands().orphans(query, call.path(StepFiles.ORPHANS)),
                    context.get(FilePath.class), null);
            Received<OrphanScan.Result> scan = call.fetch(StepFiles.ORPHANS, StepFiles.MAX_ORPHANS_BYTES, DOCUMENTS::orphans);
            return StepResults.apply(context, new OrphanJudge().judge(exit.code(), scan),
                    () -> OrphanJudge.stepResult(scan.value()));
        }
    }
}
