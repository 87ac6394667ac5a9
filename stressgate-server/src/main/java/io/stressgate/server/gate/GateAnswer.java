package io.stressgate.server.gate;

import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.util.List;

/**
 * Whether a build may ship: the verdict over all its runs, every reason that is not PASSED (each sentence names its
 * scenario), and per run its status, its own verdict, every gate (its own and the regression gates), the regression
 * report and the verdict of both. A build without runs is FAILED: the gate fails closed.
 */
public record GateAnswer(String job, long build, Verdict verdict, List<String> reasons, List<RunGate> runs) {
    public GateAnswer {
        reasons = List.copyOf(reasons);
        runs = List.copyOf(runs);
    }

    /** One run of the build as the gate judged it. */
    public record RunGate(String runId, String scenario, RunStatus status, String statusReason, Verdict ownVerdict,
                          Verdict verdict, List<GateResult> gates, RegressionReport regression) {
        public RunGate {
            gates = List.copyOf(gates);
        }
    }

    public boolean found() {
        return !runs.isEmpty();
    }
}
