package io.stressgate.engine.step;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Quantities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a {@code stressTest} run means for the build. It fails closed: missing or invalid results, a run that
 * did not complete, a timeout, or an exit code that disagrees with the results are FAILURE, never SUCCESS.
 */
public final class RunJudge {
    /** The steps' regression policy: the engine's default (p95/p99 +10%, rps -10%, errors +1 point, K = 5, unstable). */
    public static final RegressionPolicy POLICY = RegressionPolicy.DEFAULT;

    /** Results that may be judged, or the failure that ends the step; results are kept when they can be shown. */
    public record Admission(RunResults results, StepOutcome failure) {
        public boolean usable() {
            return failure == null;
        }
    }

    /** The run with the regression gates added, and the outcome. */
    public record Judgement(RunResults results, StepOutcome outcome) {
    }

    /**
     * The whole decision of one {@code stressTest} call. The results the agent sent back are admitted first; a shard's
     * then gets {@link ShardStep#shardOutcome} (no regression, no verdict: the merge gives both); an unsharded run gets
     * the regression gates against the baseline picked among earlier builds' runs, and its verdict mapped to the result.
     *
     * @param build    the number of the build the call is part of
     * @param timedOut whether the process was stopped because of the step's time limit
     * @param earlier  the runs earlier builds recorded, newest first (loaded only when the baseline needs them)
     */
    public Judgement decide(StressTestArgs args, long build, int exitCode, boolean timedOut, Received<RunResults> read,
                            List<StoredRun> earlier) {
        Admission admission = admit(args.scenario(), exitCode, timedOut ? args.timeout() : null, read);
        if (!admission.usable()) {
            return new Judgement(admission.results(), admission.failure());
        }
        RunResults results = admission.results();
        if (args.shard() != null) {
            return new Judgement(results, results.shard() == null
                    ? StepOutcome.failure("stressTest " + DisplayText.clamp(args.scenario(), 200) + ": shard "
                            + args.shard().index() + "/" + args.shard().count() + " was asked for, but the results are "
                            + "an unsharded run's", GateLines.all(results.gates()))
                    : ShardStep.shardOutcome(results));
        }
        if (results.shard() != null) {
            return new Judgement(results, StepOutcome.failure("stressTest " + DisplayText.clamp(args.scenario(), 200)
                    + ": the results are a shard's, but no shard was asked for", List.of()));
        }
        Baseline baseline = new BaselinePicker(POLICY).pick(args.baseline(), args.scenario(), build, earlier);
        return judge(args.scenario(), results, new RegressionAnalyzer(POLICY).analyze(results, baseline));
    }

    /**
     * @param exitCode the CLI's exit code
     * @param timeout  the step's time limit, when the process was stopped because of it; null otherwise
     * @param read     the results as read back from the agent
     */
    public Admission admit(String scenario, int exitCode, Duration timeout, Received<RunResults> read) {
        String name = "stressTest " + DisplayText.clamp(scenario, 200);
        if (!read.ok()) {
            return refuse(null, name + ": no usable results, so the run counts as FAILED. " + read.problem()
                    + " (the CLI exited with " + ExitCodes.meaning(exitCode) + ")");
        }
        RunResults results = read.value();
        if (timeout != null) {
            return refuse(results, name + ": stopped by the step's timeout of " + Quantities.format(timeout)
                    + "; the run counts as FAILED");
        }
        if (results.status() == RunStatus.RUNNING) {
            return refuse(results, name + ": the run never finished: results.json is still the stand-in written when it "
                    + "started (the run was killed, or the CLI exited with " + ExitCodes.meaning(exitCode) + " before writing its "
                    + "results), so it counts as FAILED");
        }
        if (results.status() != RunStatus.COMPLETED) {
            String reason = results.statusReason() == null ? "" : ": " + DisplayText.clamp(results.statusReason(), 300);
            return refuse(results, name + ": the run did not complete (" + results.status() + reason + "), so it counts as FAILED");
        }
        int expected = ExitCodes.of(results.verdict());
        if (exitCode != expected) {
            return refuse(results, name + ": the CLI exited with " + ExitCodes.meaning(exitCode) + " but the results say "
                    + results.verdict() + " (exit " + expected + "); results that disagree are not trusted, so FAILED");
        }
        return new Admission(results, null);
    }

    /**
     * Adds the regression gates (none without a baseline: a first build is not a regression) and maps the verdict:
     * PASSED to SUCCESS, UNSTABLE to UNSTABLE, FAILED to FAILURE.
     */
    public Judgement judge(String scenario, RunResults results, RegressionReport regression) {
        List<GateResult> gates = new ArrayList<>(results.gates());
        gates.addAll(regression.gates());
        RunResults judged = regression.gates().isEmpty() ? results : results.withGates(gates);
        List<String> details = new ArrayList<>(GateLines.all(judged.gates()));
        details.add(DisplayText.clamp("regression: " + regression.summary(), 1000));
        List<String> broken = GateLines.broken(judged.gates());
        String head = "stressTest " + DisplayText.clamp(scenario, 200) + ": " + judged.verdict() + ", " + broken.size()
                + (broken.size() == 1 ? " gate" : " gates") + " broken:\n  " + String.join("\n  ", broken);
        StepOutcome outcome = switch (judged.verdict()) {
            case PASSED -> StepOutcome.success(details);
            case UNSTABLE -> StepOutcome.unstable(head, details);
            case FAILED -> StepOutcome.failure(head, details);
            // A shard sets no build result: the merge step does, once, for all shards.
            case PENDING -> StepOutcome.success(details);
        };
        return new Judgement(judged, outcome);
    }

    /** The outcome of publishing: nothing to add on success, otherwise UNSTABLE saying where the results stay. */
    public StepOutcome published(String server, int exitCode, String outDir) {
        if (exitCode == ExitCodes.PASSED) {
            return StepOutcome.success(List.of("results published to " + DisplayText.clamp(server, 300)));
        }
        return notPublished(server, "the CLI exited with " + ExitCodes.meaning(exitCode), outDir);
    }

    /** Publishing did not happen (no credential, no answer): UNSTABLE, saying why and where the results stay. */
    public StepOutcome notPublished(String server, String why, String outDir) {
        return StepOutcome.unstable("the results were not published to " + DisplayText.clamp(server, 300) + " ("
                + DisplayText.clamp(why, 300) + "); they stay in " + DisplayText.clamp(outDir, 500), List.of());
    }

    /**
     * The failure of a run the step lost sight of because Jenkins restarted: it cannot re-attach, the outcome is
     * unknown and so FAILED, and the files the CLI wrote stay on the agent to be looked at or published by hand.
     */
    public static String notResumable(String outputDir) {
        return "stressTest: Jenkins restarted while the run was going on, and the step cannot re-attach to it, so it counts "
                + "as FAILED. What the run wrote stays on the agent in " + DisplayText.clamp(outputDir, 500)
                + " (results.json can still be sent with: stressgate publish " + DisplayText.clamp(outputDir, 500) + " ...)";
    }

    /**
     * Why the step failed when the results' own gates do not say it (a run that did not complete, a timeout, an exit
     * code that disagrees, no results): the message to show beside the run; null when the gates explain the outcome.
     */
    public static String unexplainedFailure(RunResults results, StepOutcome outcome) {
        if (outcome.result() != BuildResult.FAILURE) {
            return null;
        }
        boolean gatesSayIt = results != null && results.status() == RunStatus.COMPLETED
                && results.verdict() == Verdict.FAILED;
        return gatesSayIt ? null : outcome.message();
    }

    private static Admission refuse(RunResults results, String message) {
        List<String> details = results == null ? List.of() : GateLines.all(results.gates());
        return new Admission(results, StepOutcome.failure(message, details));
    }
}
