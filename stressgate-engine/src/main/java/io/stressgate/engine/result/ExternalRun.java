package io.stressgate.engine.result;

import java.util.List;

/**
 * An external load tool's run within this run: its command, where its output went, when it started and ended
 * (milliseconds from the run start, on the same axis as samples and chaos), how it ended, and what was imported
 * from its results. {@code exitCode} is null when the tool never ran or was killed without an exit code being read;
 * {@code outcome} is one of {@code passed} (exit 0), {@code thresholds} (an exit code the tool uses for "its own
 * thresholds failed": the run goes on to the gates), {@code failed}, {@code timed-out}, {@code stopped} (the run was
 * stopped) or {@code not-started}; only {@code passed} and {@code thresholds} let the run complete.
 */
public record ExternalRun(String phase, String format, List<String> command, String log, Long startMs, Long endMs,
                          Integer exitCode, String outcome, String message, Imported imported) {
    public ExternalRun {
        command = command == null ? List.of() : List.copyOf(command);
    }

    /**
     * What was read from the tool's results file: the path, the tool and its version when the file says, the
     * request count the file holds, the count the tool printed when it exited (null when its output does not say),
     * and whether the file's count can be trusted to be complete ({@code complete} false with the reason when it
     * cannot, e.g. a tool that last wrote its totals before its last requests finished).
     */
    public record Imported(String path, String tool, String version, long requests, Long printedAtExit, boolean complete,
                           String reason) {
    }
}
