package io.stressgate.engine.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table of the stressgate command's exit codes: the CLI returns them, its help lists them, and the Jenkins
 * steps' judges read them back.
 */
public final class ExitCodes {
    /** The run passed every gate (or a command did what it was asked). */
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

    private record Entry(String meaning, String help) {
    }

    private static final Map<Integer, Entry> TABLE = table();

    private ExitCodes() {
    }

    private static Map<Integer, Entry> table() {
        Map<Integer, Entry> t = new LinkedHashMap<>();
        t.put(PASSED, new Entry("passed", "PASSED"));
        t.put(FAILED, new Entry("failed", "FAILED (a fail gate broke, or the run did not complete)"));
        t.put(USAGE, new Entry("invalid input or usage", "invalid input or usage; nothing ran"));
        t.put(UNSTABLE, new Entry("unstable", "UNSTABLE (only unstable gates broke)"));
        t.put(REFUSED, new Entry("refused by a safety rule", "chaos action refused by a safety rule; no signal was sent"));
        t.put(PENDING, new Entry("one shard completed; the merge decides",
                "PENDING (a completed shard of a sharded run; stressgate merge decides)"));
        return t;
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

    /** What an exit code says, for messages: "4: refused by a safety rule". */
    public static String meaning(int code) {
        Entry e = TABLE.get(code);
        return e != null ? code + ": " + e.meaning()
                : code + ": not a stressgate exit code (killed by a signal, or the JVM could not start)";
    }

    /** Every exit code with the line the command's help gives it, in order. */
    public static Map<String, String> helpLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        TABLE.forEach((code, e) -> lines.put(Integer.toString(code), e.help()));
        return lines;
    }
}
