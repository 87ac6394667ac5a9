package io.stressgate.engine.imports;

import io.stressgate.engine.result.HistogramEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Rebuilds a run from raw samples (one request each: start time, latency, outcome), as JMeter, Gatling and k6
 * points give them: per-name and total histograms, statuses, and the interval series. The run starts at the earliest
 * sample and ends at the latest sample's end. At most {@value #MAX_NAMES} request names, so a file whose labels hold
 * ids cannot exhaust memory.
 */
final class SampleBook {
    static final int MAX_NAMES = 1000;
    private static final long INTERVAL_MS = 1000;

    private final Map<String, NameBook> names = new LinkedHashMap<>();
    private final NameBook total = new NameBook("all");
    private final IntervalBook intervals = new IntervalBook(INTERVAL_MS);
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;

    /** The book of a request name, added on first sight; null when there are already too many names. */
    NameBook name(String name) {
        NameBook book = names.get(name);
        if (book == null && names.size() < MAX_NAMES) {
            book = new NameBook(name);
            names.put(name, book);
        }
        return book;
    }

    /** A problem for the name that would be one too many. */
    static String tooManyNames(String name) {
        return "more than " + MAX_NAMES + " request names (the next is '" + name
                + "'): do the labels hold ids? Name requests by their kind";
    }

    /**
     * One sample: its name, start (epoch milliseconds), latency (microseconds), whether it failed, its status (null
     * when the tool gives none), bytes received and the users running (negative when unknown).
     */
    void add(NameBook name, long startMs, long micros, boolean failed, String status, long bytes, long users) {
        name.add(micros, failed, status, bytes);
        total.add(micros, failed, status, bytes);
        intervals.add(name.name, startMs, micros, failed, users);
        firstMs = Math.min(firstMs, startMs);
        lastMs = Math.max(lastMs, startMs + micros / 1000);
    }

    long samples() {
        return total.requests();
    }

    ImportedResults results(String tool, String version, Path file, long lines, boolean complete, String reason) {
        boolean any = firstMs != Long.MAX_VALUE;
        try (HistogramEncoder encoder = new HistogramEncoder(Deflater.DEFAULT_COMPRESSION)) {
            Map<String, RequestFigures> byName = new LinkedHashMap<>();
            names.forEach((n, b) -> byName.put(n, b.figures(encoder)));
            long start = any ? firstMs : 0;
            return new ImportedResults(tool, version, file, any ? Instant.ofEpochMilli(firstMs) : null,
                    any ? Duration.ofMillis(lastMs - firstMs) : Duration.ZERO, byName, total.figures(encoder),
                    Duration.ofMillis(intervals.intervalMs()), intervals.all(start),
                    intervals.byName(new ArrayList<>(names.keySet()), start), lines, complete, reason);
        }
    }

    List<String> names() {
        return List.copyOf(names.keySet());
    }
}
