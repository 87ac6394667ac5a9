package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.step.BaselineSelector;
import io.stressgate.engine.step.RegressionCheck;
import io.stressgate.engine.step.RunDigest;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import io.stressgate.engine.step.StepOutcome;
import io.stressgate.engine.step.StressTestArgs;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code stressgate run} on the agent and turns its results into the build's outcome; every decision is the
 * engine's ({@link RunJudge}, {@link BaselineSelector}, {@link RegressionCheck}), this class only moves data.
 */
final class StressTestExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final StepDocuments DOCUMENTS = new StepDocuments();

    private final transient StressTestArgs args;

    StressTestExecution(StepContext context, StressTestArgs args) {
        super(context);
        this.args = args;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        FilePath workspace = context.get(FilePath.class);
        EnvVars env = context.get(EnvVars.class);
        AgentCli cli = AgentCli.prepare(workspace, context.get(Launcher.class), context.get(TaskListener.class), env);

        String cookie = UUID.randomUUID().toString();
        String outRelative = StepFiles.outputDir(args.scenario());
        if (workspace.child(StepFiles.OUTPUT_ROOT).readLink() != null) {
            throw new AbortException("stressTest: " + StepFiles.OUTPUT_ROOT + " in the workspace is a symbolic link; "
                    + "the step writes and deletes only below a real directory");
        }
        FilePath out = workspace.child(outRelative);
        out.deleteRecursive();
        out.mkdirs();
        AgentCli.Exit exit = cli.launch(cli.commands().run(args, out.getRemote(), cookie), workspace, args.timeout());
        RunJudge judge = new RunJudge();
        RunJudge.Admission admission = judge.admit(args.scenario(), exit.code(), exit.timedOut() ? args.timeout() : null,
                cli.fetch(workspace, outRelative + "/" + StepFiles.RESULTS, StepFiles.MAX_RESULTS_BYTES, DOCUMENTS::results));

        RunResults results = admission.results();
        StepOutcome outcome = admission.failure();
        if (admission.usable()) {
            BaselineSelector.Selection baseline = new BaselineSelector().select(args.baseline(), args.scenario(),
                    BuildHistory.before(run, BuildHistory.BASELINE_BUILDS));
            RunJudge.Judgement judgement = judge.judge(args.scenario(), results, Regression.CHECK.compare(results, baseline));
            results = judgement.results();
            outcome = judgement.outcome();
        }
        StressGateRunAction action = StressGateRunAction.of(run);
        StressRunEntry entry = action.record(args.scenario(), cookie, results, outcome);
        if (results != null && args.publish() != null) {
            outcome = outcome.and(Publisher.publish(run, cli, env, args.publish(), out));
        }
        RunDigest digest = results == null ? null : RunDigest.of(results);
        String reportUrl = action.reportUrl(entry);
        return StepResults.apply(context, outcome, () -> digest.stepResult(reportUrl));
    }
}
