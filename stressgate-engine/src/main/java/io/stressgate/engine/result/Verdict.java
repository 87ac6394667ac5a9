package io.stressgate.engine.result;

import io.stressgate.engine.scenario.Severity;
import java.util.List;

/** What a run means for the build. */
public enum Verdict {
    PASSED, UNSTABLE, FAILED;

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
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
