package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.step.RunDigest;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import io.stressgate.engine.step.StepOutcome;
import io.stressgate.engine.step.StressTestArgs;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code stressgate run} (one shard of it with {@code shard}) on the agent and turns its results into the build's
 * outcome; every decision is the engine's ({@link RunJudge#decide}), this class only moves data.
 */
final class StressTestExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final StepDocuments DOCUMENTS = new StepDocuments();

    private final transient StressTestArgs args;
    /** Kept through a restart of Jenkins (the arguments are not), to say where the run's files stay. */
    private final String outputDirectory;

    StressTestExecution(StepContext context, StressTestArgs args) {
        super(context);
        this.args = args;
        this.outputDirectory = StepFiles.outputDir(args.scenario());
    }

    /** This step cannot re-attach to a run after Jenkins restarted; it fails saying where the run's files are. */
    @Override
    public void onResume() {
        getContext().onFailure(new AbortException(RunJudge.notResumable(outputDirectory)));
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        FilePath workspace = context.get(FilePath.class);
        AgentCli cli = AgentCli.prepare(context);
        String cookie = UUID.randomUUID().toString();
        FilePath out = freshOutputDirectory(workspace);
        AgentCli.Exit exit = cli.launch(cli.commands().run(args, out.getRemote(), cookie), workspace, args.timeout());
        RunJudge.Judgement judged = new RunJudge().decide(args, run.getNumber(), exit.code(), exit.timedOut(),
                cli.fetch(workspace, outputDirectory + "/" + StepFiles.RESULTS, StepFiles.MAX_RESULTS_BYTES, DOCUMENTS::results),
                BuildHistory.before(run, BuildHistory.BASELINE_BUILDS));

        RunResults results = judged.results();
        StepOutcome outcome = judged.outcome();
        StressGateRunAction action = StressGateRunAction.of(run);
        StressRunEntry entry = action.record(args.scenario(), cookie, results, outcome);
        if (results != null && args.publish() != null) {
            outcome = outcome.and(Publisher.publish(run, cli, context.get(EnvVars.class), args.publish(), out));
        }
        String reportUrl = action.reportUrl(entry);
        return StepResults.apply(context, outcome, () -> RunDigest.of(results).stepResult(reportUrl));
    }

    /** The scenario's output directory, emptied, so results left by an earlier build can never be read as this run's. */
    private FilePath freshOutputDirectory(FilePath workspace) throws IOException, InterruptedException {
        if (workspace.child(StepFiles.OUTPUT_ROOT).readLink() != null) {
            throw new AbortException("stressTest: " + StepFiles.OUTPUT_ROOT + " in the workspace is a symbolic link; "
                    + "the step writes and deletes only below a real directory");
        }
        FilePath out = workspace.child(outputDirectory);
        out.deleteRecursive();
        out.mkdirs();
        return out;
    }
}
