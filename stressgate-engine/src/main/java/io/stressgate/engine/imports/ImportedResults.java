package io.stressgate.engine.imports;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load tool's result file says about a run: the tool and its version ({@code "unknown"} when the file does not
 * record it), the file read, when the load started and how long it lasted (null start when the file has no
 * timestamps), the figures of each request name and of all, the per-interval series when the file has one (overall
 * and by name; {@code interval} null otherwise), how many lines were read, and whether the file holds the tool's whole
 * account. {@code complete} is false, with {@code reason}, when the totals cannot be trusted to hold every request:
 * a file cut short or still growing, or a tool that writes its totals only periodically (Locust's CSV).
 */
public record ImportedResults(String tool, String version, Path file, Instant startedAt, Duration duration,
                              Map<String, RequestFigures> byName, RequestFigures total, Duration interval,
                              List<IntervalFigures> intervals, Map<String, List<IntervalFigures>> intervalsByName,
                              long lines, boolean complete, String reason) {
    public ImportedResults {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
        intervalsByName = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(intervalsByName == null ? Map.of() : intervalsByName));
    }

    /** The same results with the tool's version as the caller learned it (Locust's CSV does not record it). */
    public ImportedResults withVersion(String toolVersion) {
        return new ImportedResults(tool, toolVersion, file, startedAt, duration, byName, total, interval, intervals,
                intervalsByName, lines, complete, reason);
    }
}
