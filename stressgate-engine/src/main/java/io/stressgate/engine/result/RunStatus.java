package io.stressgate.engine.result;

/** Whether a run went to its end. */
public enum RunStatus {
    /** Every phase ran its schedule. */
    COMPLETED,
    /** Stopped early: a signal, an abort, or a gate with abortOnFail. */
    INTERRUPTED,
    /** The run could not go on: the tool itself failed. */
    ERROR,
    /**
     * Written when a run starts, in place of the previous run's outputs, and replaced when it ends: found later, it
     * means the run was killed before it could write its results. Never passes.
     */
    RUNNING
}
