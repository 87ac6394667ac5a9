package io.stressgate.engine.step;

/**
 * Names of the files and directories the steps use on the agent and in the build directory, and the caps on what
 * is read back from the agent.
 */
public final class StepFiles {
    /** The results the CLI writes into its output directory. */
    public static final String RESULTS = "results.json";
    /** The chaos event {@code chaosKill} has the CLI write. */
    public static final String CHAOS = "chaos.json";
    /** The scan {@code assertNoOrphans} has the CLI write. */
    public static final String ORPHANS = "orphans.json";
    /** The workspace directory holding each scenario's output (report.html, junit.xml, results.json). */
    public static final String OUTPUT_ROOT = "stressgate-out";
    /**
     * The directory below the workspace's temporary sibling holding chaos state and step files (and the agent runner
     * jar when the launcher cannot see the agent's cache, see {@link AgentJarCache}).
     */
    public static final String TEMP_ROOT = "stressgate";
    /** The largest results document the controller accepts from an agent. */
    public static final long MAX_RESULTS_BYTES = 16L << 20;
    /** The largest chaos event document accepted. */
    public static final long MAX_CHAOS_BYTES = 1L << 20;
    /** The largest orphan scan document accepted. */
    public static final long MAX_ORPHANS_BYTES = 4L << 20;

    private StepFiles() {
    }

    /** The output directory of a scenario, relative to the workspace: {@code stressgate-out/<stem>}. */
    public static String outputDir(String scenario) {
        return OUTPUT_ROOT + "/" + WorkspacePaths.stem(scenario);
    }

    /** The directory, relative to {@link #TEMP_ROOT}, for one step call's files. */
    public static String callDir(String cookie) {
        if (!AssertNoOrphansArgs.COOKIE.matcher(cookie).matches()) {
            throw new IllegalArgumentException("\"" + DisplayText.clamp(cookie, 80) + "\" is not a cookie");
        }
        return "call-" + cookie;
    }

    /** The directory, relative to {@link #TEMP_ROOT}, where the CLI keeps its chaos restore ledger between runs. */
    public static String chaosStateDir() {
        return "chaos-state";
    }
}
