package io.stressgate.engine.step;

import io.stressgate.engine.result.Verdict;

/**
 * A run an earlier build recorded, as the host lists it before loading anything: build number, the build's label
 * and URL (relative to the host's root, for links from charts), the scenario it ran (the step's scenario path), its
 * verdict, and how to load its results when chosen.
 */
public record StoredRun(long build, String label, String url, String scenario, Verdict verdict, Loader loader) {
    /** Loads the stored results; any failure leaves the run out of the baseline. */
    @FunctionalInterface
    public interface Loader {
        io.stressgate.engine.result.RunResults load() throws Exception;
    }
}
