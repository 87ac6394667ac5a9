package io.stressgate.engine.imports;

import io.stressgate.engine.result.HistogramEncoder;
import io.stressgate.engine.result.Histograms;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The running totals of one request name (or of all) while raw samples are read: counts, statuses, histogram. */
final class NameBook {
    static final int MAX_STATUSES = 100;
    static final String OTHER_STATUS = "other";

    final String name;
    private final Histogram histogram = new Histogram(3);
    private final Map<String, long[]> statuses = new HashMap<>();
    private long requests;
    private long failures;
    private long bytes;

    NameBook(String name) {
        this.name = name;
    }

    void add(long micros, boolean failed, String status, long bytesReceived) {
        histogram.recordValue(Math.max(0, Math.min(micros, Histograms.HIGHEST_REQUEST_MICROS)));
        requests++;
        if (failed) {
            failures++;
        }
        bytes += bytesReceived;
        if (status != null) {
            long[] n = statuses.get(status);
            if (n == null) {
                n = statuses.computeIfAbsent(statuses.size() < MAX_STATUSES ? status : OTHER_STATUS, s -> new long[1]);
            }
            n[0]++;
        }
    }

    long requests() {
        return requests;
    }

    RequestFigures figures(HistogramEncoder encoder) {
        Map<String, Long> counts = new HashMap<>();
        statuses.forEach((s, n) -> counts.put(s, n[0]));
        return new RequestFigures(requests, failures, counts, bytes,
                requests == 0 ? null : encoder.encode(histogram), null);
    }
}
