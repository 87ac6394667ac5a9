package io.stressgate.engine.scenario;

/** What a broken gate does to the verdict. */
public enum Severity {
    /** A broken gate fails the run. */
    FAIL,
    /** A broken gate makes the run unstable. */
    UNSTABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
