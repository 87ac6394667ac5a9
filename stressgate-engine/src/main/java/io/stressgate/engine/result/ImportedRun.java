package io.stressgate.engine.result;

/**
 * The result file an imported run was read from ({@code stressgate import}): the tool and its version as the file or
 * the installation says ({@code "unknown"} when neither does), the format it was read as, the file, its SHA-256 and
 * size, how many lines were read and how many requests they hold, and whether the file holds the tool's whole account
 * ({@code complete} false with the {@code reason} when it cannot be trusted to: a file cut short or still growing, or
 * Locust's CSV not checked against the totals it printed at exit).
 */
public record ImportedRun(String tool, String version, String format, String file, String sha256, long bytes, long lines,
                          long requests, boolean complete, String reason) {
}
