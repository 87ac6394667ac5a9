package io.stressgate.engine.result;

import io.stressgate.engine.scenario.Severity;
import java.util.List;

/** What a run means for the build. */
public enum Verdict {
    PASSED, UNSTABLE, FAILED,
    /** One shard's results: a shard decides nothing; only the merge of all shards gives a verdict. */
    PENDING;

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The verdict of a run, or PENDING when the results are one shard's (whatever its status and gates). */
    public static Verdict of(RunStatus status, List<GateResult> gates, ShardInfo shard) {
        return shard != null ? PENDING : of(status, gates);
    }

    /**
     * The verdict of a run: FAILED when it did not complete or a fail gate broke, UNSTABLE when only unstable
     * gates broke, PASSED otherwise.
     */
    public static Verdict of(RunStatus status, List<GateResult> gates) {
        if (status != RunStatus.COMPLETED) {
            return FAILED;
        }
        Verdict verdict = PASSED;
        for (GateResult gate : gates) {
            if (!gate.passed()) {
                verdict = verdict.worst(gate.severity() == Severity.UNSTABLE ? UNSTABLE : FAILED);
            }
        }
        return verdict;
    }
}
