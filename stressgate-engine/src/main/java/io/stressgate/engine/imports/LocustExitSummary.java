package io.stressgate.engine.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the request total Locust prints when it exits (the "Aggregated" row of its last statistics table) in the
 * tool's kept output. Locust 2.12 rewrites its {@code --csv} stats once a second from a background task that is
 * killed at shutdown without a last write, so the CSV misses what happened after its last rewrite; the table it
 * prints at exit is written after the users stopped, and matched nginx's access log request for request here.
 */
public final class LocustExitSummary {
    /** Why Locust's CSV totals fall short, as measured against nginx's access log (see README). */
    public static final String WHY = "Locust rewrites its --csv stats once a second from a task that is killed at exit without"
            + " a last write, so the requests after its last rewrite are missing from the file (its stats_history.csv is"
            + " flushed only every 10 s and loses its tail too); the summary it prints at exit counts them, and with"
            + " --stop-timeout also the requests its users had in flight when it stopped";
    private static final Pattern AGGREGATED = Pattern.compile("^\\s+Aggregated\\s+(\\d{1,18})\\s+\\d+\\(");
    private static final String SHUTDOWN = "Shutting down (exit code";
    private static final long MAX_LINES = 10_000_000;

    /**
     * The total of the first statistics table after Locust's "Shutting down" line in {@code log}; empty when Locust
     * never got there (killed) or printed no table.
     */
    public Optional<Long> totalRequests(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        boolean shutDown = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            long count = 0;
            for (String line = in.readLine(); line != null && count < MAX_LINES; line = in.readLine(), count++) {
                shutDown |= line.contains(SHUTDOWN);
                Matcher m = AGGREGATED.matcher(line);
                if (shutDown && m.find()) {
                    return Optional.of(Long.parseLong(m.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a file's totals hold every request: as its reader says, except that Locust's CSV, which always misses
     * its last second, is complete when the totals it printed at exit (in {@code log}, its kept output; null when
     * there is none) equal the file's, and otherwise says by how much it falls short.
     */
    public Account account(ImportFormat format, ImportedResults r, Path log) throws IOException {
        long requests = r.total().requests();
        if (format != ImportFormat.LOCUST) {
            return new Account(null, r.complete(), r.reason());
        }
        if (log == null) {
            return new Account(null, false, r.reason() + "; no output of Locust was given to check them against the summary"
                    + " it prints at exit");
        }
        Optional<Long> printed = totalRequests(log);
        if (printed.isEmpty()) {
            return new Account(null, false, r.reason() + "; " + log + " holds no summary printed at exit to check them against");
        }
        long exit = printed.get();
        if (exit == requests) {
            return new Account(exit, true, null);
        }
        return new Account(exit, false, String.format(java.util.Locale.ROOT,
                "Locust's CSV holds %,d requests but its summary printed at exit counts %,d (%,d or %.1f%% missing): %s",
                requests, exit, exit - requests, 100.0 * (exit - requests) / Math.max(1, exit), WHY));
    }

    /** The request total the tool printed at exit (null when unknown) and whether the file's totals are complete. */
    public record Account(Long printedAtExit, boolean complete, String reason) {
    }
}
