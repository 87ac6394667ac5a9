package io.stressgate.server.gate;

import io.stressgate.engine.regression.Baseline;
import io.stressgate.engine.regression.BaselineSelector;
import io.stressgate.engine.regression.RegressionAnalyzer;
import io.stressgate.engine.regression.RegressionPolicy;
import io.stressgate.engine.regression.RegressionReport;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.StoreException;
import io.stressgate.server.store.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "may build N of this job ship?": every run of the build with its own gates plus the regression gates against
 * its baseline. It fails closed: no run, a required scenario without a run, a run that did not complete, or results
 * that cannot be read all make the answer FAILED, never PASSED.
 */
public final class ReleaseGate {
    private final RunStore runs;
    private final RegressionPolicy policy;
    private final RegressionAnalyzer analyzer;
    private final BaselineSelector selector;

    public ReleaseGate(RunStore runs, RegressionPolicy policy) {
        this.runs = runs;
        this.policy = policy;
        this.analyzer = new RegressionAnalyzer(policy);
        this.selector = new BaselineSelector(policy);
    }

    /** The answer for a build; {@code required} scenarios must each have a run in it. */
    public GateAnswer answer(String job, long build, List<String> required) {
        List<RunRecord> stored = runs.build(job, build);
        List<String> reasons = new ArrayList<>();
        List<GateAnswer.RunGate> judged = new ArrayList<>();
        Verdict verdict = stored.isEmpty() ? Verdict.FAILED : Verdict.PASSED;
        if (stored.isEmpty()) {
            reasons.add("no run of build " + build + " of job " + job + " is stored, so it cannot pass");
        }
        for (String scenario : required) {
            if (stored.stream().noneMatch(r -> r.summary().scenario().equals(scenario))) {
                verdict = Verdict.FAILED;
                reasons.add(scenario + ": required, but build " + build + " has no run of it");
            }
        }
        for (RunRecord run : stored) {
            GateAnswer.RunGate gate = judge(run);
            judged.add(gate);
            verdict = verdict.worst(gate.verdict());
            reasons.addAll(reasons(gate));
        }
        return new GateAnswer(job, build, verdict, reasons, judged);
    }

    /** One stored run: its own gates and its regression gates against the last PASSED runs before it. */
    public GateAnswer.RunGate judge(RunRecord run) {
        String job = run.summary().job();
        long build = run.summary().build();
        String scenario = run.summary().scenario();
        RunResults results;
        try {
            results = run.results();
        } catch (StoreException e) {
            return new GateAnswer.RunGate(run.summary().id(), scenario, run.summary().status(), "stored results cannot be read: "
                    + e.getMessage(), Verdict.FAILED, Verdict.FAILED, List.of(), null);
        }
        RunStore.History history = runs.passedBefore(job, scenario, build, policy.baselineRuns());
        Baseline baseline = selector.lastPassed(build, history.passed(), history.earlierRuns());
        RegressionReport regression = analyzer.analyze(results, baseline);
        List<GateResult> gates = new ArrayList<>(results.gates());
        gates.addAll(regression.gates());
        Verdict verdict = Verdict.of(results.status(), gates);
        return new GateAnswer.RunGate(run.summary().id(), scenario, results.status(), results.statusReason(), results.verdict(),
                verdict, gates, regression);
    }

    private static List<String> reasons(GateAnswer.RunGate gate) {
        List<String> reasons = new ArrayList<>();
        if (gate.status() != RunStatus.COMPLETED) {
            reasons.add(gate.scenario() + ": the run did not complete (" + gate.status()
                    + (gate.statusReason() == null ? "" : ": " + gate.statusReason()) + "), so it cannot pass");
        } else if (gate.regression() == null) {
            reasons.add(gate.scenario() + ": " + gate.statusReason());
        }
        for (GateResult g : gate.gates()) {
            if (!g.passed()) {
                reasons.add(gate.scenario() + ": " + g.source() + " gate " + g.expression() + " broke ("
                        + g.severity().label() + "): " + g.message());
            }
        }
        if (gate.regression() != null && !gate.regression().hasBaseline()) {
            reasons.add(gate.scenario() + ": " + gate.regression().summary() + " (not a failure)");
        }
        return reasons;
    }
}
