package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.ShardRole;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sharded step decides, without Jenkins: the {@code shard: 'I/N'} argument, the outcome of one shard (it
 * sets no build result unless it did not complete), and the outcome of the merge step (the one verdict).
 */
public final class ShardStep {
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
