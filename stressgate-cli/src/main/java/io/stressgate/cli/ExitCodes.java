package io.stressgate.cli;

import io.stressgate.engine.result.Verdict;

/** The exit codes of every stressgate command. */
public final class ExitCodes {
    /** The run passed every gate. */
    public static final int PASSED = 0;
    /** A fail gate broke, or the run did not complete. */
    public static final int FAILED = 1;
    /** The input or the command line is invalid; nothing ran. */
    public static final int USAGE = 2;
    /** Only unstable gates broke. */
    public static final int UNSTABLE = 3;
    /** A chaos action was refused by a safety rule; no signal was sent. */
    public static final int REFUSED = 4;
    /**
     * One shard completed its share; it decides nothing, so it neither passes nor fails a CI job by itself (a shard
     * that did not complete exits {@link #FAILED}). Only {@code stressgate merge} gives the verdict.
     */
    public static final int PENDING = 5;

    private ExitCodes() {
    }

    /** A run's exit code: its verdict's, except that a shard that did not complete exits {@link #FAILED}. */
    public static int of(io.stressgate.engine.result.RunResults results) {
        return io.stressgate.engine.step.CliExit.of(results);
    }

    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> PASSED;
            case UNSTABLE -> UNSTABLE;
            case FAILED -> FAILED;
            case PENDING -> PENDING;
        };
    }
}
