package io.stressgate.engine.imports;

import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one request name (or of all): requests, failures, response statuses, bytes received, and latency
 * either as a compressed HdrHistogram of microseconds (base64, as {@link io.stressgate.engine.result.Histograms}
 * writes it) rebuilt from raw samples, or, when the file holds only summaries, as {@code reported} with the
 * histogram null. Exactly one of {@code histogram} and {@code reported} is set when anything was timed.
 */
public record RequestFigures(long requests, long failures, Map<String, Long> statuses, long bytesReceived,
                             String histogram, ReportedLatency reported) {
    public RequestFigures {
        statuses = java.util.Collections.unmodifiableMap(new TreeMap<>(statuses == null ? Map.of() : statuses));
    }
}
