package io.jenkins.plugins.stressgate;

import io.stressgate.engine.step.DisplayText;
import io.stressgate.engine.step.RunDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code stressTest} call of a build as stored in build.xml: only JDK types (JEP-200), only short, display-safe
 * text. The results themselves stay in their own file ({@link StressGateRunAction#resultsFile}).
 */
public final class StressRunEntry {
    private final int index;
    private final String scenario;
    private final String name;
    private final String verdict;
    private final String status;
    private final LinkedHashMap<String, String> figures;
    private final ArrayList<String> brokenGates;
    private final String runCookie;
    private final boolean hasResults;
    private final String failure;

    private StressRunEntry(int index, String scenario, String name, String verdict, String status,
                           Map<String, String> figures, List<String> brokenGates, String runCookie, boolean hasResults,
                           String failure) {
        this.index = index;
        this.scenario = scenario;
        this.name = name;
        this.verdict = verdict;
        this.status = status;
        this.figures = new LinkedHashMap<>(figures);
        this.brokenGates = new ArrayList<>(brokenGates);
        this.runCookie = runCookie;
        this.hasResults = hasResults;
        this.failure = failure;
    }

    /** A call with results; {@code failure} is the message when the step failed closed despite them. */
    static StressRunEntry of(int index, String scenario, String cookie, RunDigest digest, String failure) {
        return new StressRunEntry(index, scenario, digest.scenario() == null ? scenario : digest.scenario(), digest.verdict(),
                digest.status(), digest.figures(), digest.brokenGates(), cookie, true, DisplayText.clamp(failure, 2000));
    }

    /** A call without usable results: the build failed, and why. */
    static StressRunEntry without(int index, String scenario, String cookie, String failure) {
        return new StressRunEntry(index, scenario, scenario, "FAILED", "NO RESULTS", Map.of(), List.of(), cookie, false,
                DisplayText.clamp(failure, 2000));
    }

    public int getIndex() {
        return index;
    }

    /** The scenario path the step was given; regression baselines and trends match runs on it. */
    public String getScenario() {
        return scenario;
    }

    public String getName() {
        return name;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getStatus() {
        return status;
    }

    public Map<String, String> getFigures() {
        return figures;
    }

    public List<String> getBrokenGates() {
        return brokenGates;
    }

    public String getRunCookie() {
        return runCookie;
    }

    public boolean isHasResults() {
        return hasResults;
    }

    public String getFailure() {
        return failure;
    }

    /** The HTML id of this call's section on the report page. */
    public String getAnchor() {
        return "run-" + index;
    }
}
