package io.stressgate.engine.step;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.shard.ShardMerger;
import io.stressgate.engine.shard.ShardSet;
import io.stressgate.engine.shard.ShardSetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sharded step decides, without Jenkins: the {@code shard: 'I/N'} argument, the outcome of one shard (it
 * sets no build result unless it did not complete), and the merge step: which of the build's recorded runs are the
 * shards to merge, the merge, its regression gates and its outcome (the one verdict).
 */
public final class ShardStep {
    /** The validated arguments of the merge step: the scenario (as the shards gave it), the shard group, the baseline. */
    public record MergeArgs(String scenario, String group, BaselineChoice baseline) {
        /** Validates everything and reports every problem at once; a null group is the shards' default group. */
        public static MergeArgs of(String step, String scenario, String group, String baseline) throws StepArgumentException {
            ArgumentProblems problems = new ArgumentProblems(step);
            String path = null;
            if (scenario == null) {
                problems.add("scenario", "is required: the scenario file the shards ran, relative to the workspace");
            } else if (WorkspacePaths.problem(scenario) != null) {
                problems.add("scenario", WorkspacePaths.problem(scenario));
            } else {
                path = WorkspacePaths.normalize(scenario);
            }
            String g = group == null ? ShardRole.DEFAULT_GROUP : group;
            try {
                new ShardRole(1, 1, g, 1);
            } catch (IllegalArgumentException e) {
                problems.add("shardGroup", DisplayText.clamp(e.getMessage(), 200));
            }
            BaselineChoice choice = BaselineChoice.parse(baseline, problems);
            problems.throwIfAny();
            return new MergeArgs(path, g, choice);
        }
    }

    private ShardStep() {
    }

    /** Parses {@code shard}, {@code shardGroup} and {@code primary}, reporting every problem with its parameter. */
    public static ShardRole role(String step, String shard, String group, Integer primary) throws StepArgumentException {
        try {
            return ShardRole.parse(shard, group, primary == null ? 1 : primary);
        } catch (IllegalArgumentException e) {
            String parameter = e.getMessage().startsWith("primary") ? "primary"
                    : e.getMessage().startsWith("shard group") ? "shardGroup" : "shard";
            throw new StepArgumentException(step, List.of(new ArgumentProblem(parameter, e.getMessage())));
        }
    }

    /** The command-line options that run one shard. */
    public static List<String> options(ShardRole role) {
        return List.of("--shard", role.index() + "/" + role.count(), "--shard-group", role.group(),
                "--primary", Integer.toString(role.primary()));
    }

    /** A completed shard leaves the build result alone; a shard that did not complete fails its branch at once. */
    public static StepOutcome shardOutcome(RunResults shard) {
        List<String> details = new ArrayList<>();
        String which = shard.shard() == null ? "shard" : "shard " + shard.shard().index() + " of " + shard.shard().count();
        if (shard.verdict() != Verdict.PENDING) {
            return StepOutcome.failure(which + ": the results are not a shard's (verdict " + shard.verdict() + ")", details);
        }
        if (shard.status() != RunStatus.COMPLETED) {
            return StepOutcome.failure(which + " did not complete (" + shard.status() + (shard.statusReason() == null ? ""
                    : ": " + DisplayText.clamp(shard.statusReason(), 500)) + "); the merge will not pass", details);
        }
        details.add(which + " completed; verdict PENDING until the shards are merged");
        return StepOutcome.success(details);
    }

    /**
     * Merges the shards this build recorded and judges the merge the way one unsharded run is judged: regression gates
     * against the baseline picked among earlier builds' runs, then the verdict as the build result. The shards are
     * the build's runs of the scenario whose results are a shard of the group; a run that cannot be loaded, a shard
     * of another run (other scenario file, count or primary) or a shard given twice fails the merge, and a shard that
     * recorded no results makes it an ERROR. It never passes on missing data.
     *
     * @param thisBuild the runs this build recorded, in any order; each is loaded (the host reads it strictly, capped)
     * @param earlier   the runs earlier builds recorded, newest first, for the baseline
     */
    public static RunJudge.Judgement merge(MergeArgs args, long build, List<StoredRun> thisBuild, List<StoredRun> earlier) {
        String name = "stressGateMerge " + DisplayText.clamp(args.scenario(), 200);
        List<ShardSet.Shard> shards = new ArrayList<>();
        for (StoredRun run : thisBuild) {
            if (!run.scenario().equals(args.scenario())) {
                continue;
            }
            RunResults results;
            try {
                results = run.loader().load();
            } catch (Exception e) {
                return new RunJudge.Judgement(null, StepOutcome.failure(name + ": the results of " + DisplayText.clamp(run.label(), 200)
                        + " cannot be read (" + DisplayText.clamp(String.valueOf(e.getMessage()), 300) + "), so the merge counts as FAILED",
                        List.of()));
            }
            if (results.shard() != null && results.shard().group().equals(args.group())) {
                shards.add(new ShardSet.Shard(Path.of(run.label()), results));
            }
        }
        if (shards.isEmpty()) {
            return new RunJudge.Judgement(null, StepOutcome.failure(name + ": this build recorded no shard of it in shard group "
                    + args.group() + ", so there is nothing to merge and no verdict (run stressTest(scenario: ..., shard: 'I/N') "
                    + "for every shard first)", List.of()));
        }
        ShardSet set;
        try {
            set = ShardSet.recorded(shards);
        } catch (ShardSetException e) {
            return new RunJudge.Judgement(null, StepOutcome.failure(name + ": the shards do not make one run: "
                    + DisplayText.clamp(e.getMessage(), 500), List.of()));
        }
        RunResults merged = new ShardMerger().merge(set);
        if (merged.status() != RunStatus.COMPLETED) {
            return new RunJudge.Judgement(merged, mergeOutcome(merged));
        }
        Baseline baseline = new BaselinePicker(RunJudge.POLICY).pick(args.baseline(), args.scenario(), build, earlier);
        RegressionReport regression = new RegressionAnalyzer(RunJudge.POLICY).analyze(merged, baseline);
        RunResults judged = merged;
        if (!regression.gates().isEmpty()) {
            List<GateResult> gates = new ArrayList<>(merged.gates());
            gates.addAll(regression.gates());
            judged = merged.withGates(gates);
        }
        StepOutcome outcome = mergeOutcome(judged);
        List<String> details = new ArrayList<>(outcome.details());
        details.add(DisplayText.clamp("regression: " + regression.summary(), 1000));
        return new RunJudge.Judgement(judged, switch (outcome.result()) {
            case SUCCESS -> StepOutcome.success(details);
            case UNSTABLE -> StepOutcome.unstable(outcome.message(), details);
            case FAILURE -> StepOutcome.failure(outcome.message(), details);
        });
    }

    /** The merge gives the build its result, the way one unsharded run would. */
    public static StepOutcome mergeOutcome(RunResults merged) {
        List<String> details = new ArrayList<>(GateLines.all(merged.gates()));
        details.add("merged " + merged.shards().size() + " shards");
        List<String> broken = GateLines.broken(merged.gates());
        String head = "stressGateMerge: " + merged.verdict() + " (" + merged.status() + ")"
                + (merged.statusReason() == null ? "" : ": " + DisplayText.clamp(merged.statusReason(), 500))
                + (broken.isEmpty() ? "" : "\n  " + String.join("\n  ", broken));
        return switch (merged.verdict()) {
            case PASSED -> StepOutcome.success(details);
            case UNSTABLE -> StepOutcome.unstable(head, details);
            case FAILED -> StepOutcome.failure(head, details);
            case PENDING -> StepOutcome.failure("stressGateMerge: the merge holds one shard's results, not a merge", details);
        };
    }
}
