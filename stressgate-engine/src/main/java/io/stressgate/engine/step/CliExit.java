package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;

/**
 * The exit codes of the stressgate CLI as the steps read them. They mirror {@code io.stressgate.cli.ExitCodes},
 * which the engine cannot import; a test in the CLI module keeps the two equal.
 */
public final class CliExit {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNSTABLE = 3;
    public static final int REFUSED = 4;
    public static final int PENDING = 5;

    private CliExit() {
    }

    /** The exit code a run with this verdict ends with. */
    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> PASSED;
            case UNSTABLE -> UNSTABLE;
            case FAILED -> FAILED;
            case PENDING -> PENDING;
        };
    }

    /**
     * The exit code of a run's results: as {@link #of(Verdict)}, except that a shard that did not complete exits
     * FAILED, so a CI job running it goes red at once rather than waiting for the merge.
     */
    public static int of(RunResults results) {
        if (results.verdict() == Verdict.PENDING && results.status() != RunStatus.COMPLETED) {
            return FAILED;
        }
        return of(results.verdict());
    }

    /** What an exit code says, for messages. */
    public static String meaning(int code) {
        return switch (code) {
            case PASSED -> "0: passed";
            case FAILED -> "1: failed";
            case USAGE -> "2: invalid input or usage";
            case UNSTABLE -> "3: unstable";
            case REFUSED -> "4: refused by a safety rule";
            case PENDING -> "5: one shard completed; the merge decides";
            default -> code + ": not a stressgate exit code (killed by a signal, or the JVM could not start)";
        };
    }
}
