package io.stressgate.engine.result;

import java.util.Map;

/**
 * The load figures of one request name, or of all requests: counts, throughput, latency (null when nothing was
 * timed), statuses, errors by kind, the compressed HdrHistogram (base64) so results can be merged later, and the
 * redirects the requests followed (hops; 0 in results written before they were counted).
 */
public record LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                          long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                          long bytesReceived, String histogram, long redirects) {

    /** Figures of a source that follows no redirects, or does not count them. */
    public LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                       long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                       long bytesReceived, String histogram) {
        this(requests, errors, dropped, timeouts, rps, errorRate, samples, latencyMs, status, errorKinds, bytesReceived,
                histogram, 0);
    }

    public LoadSummary {
        status = Maps.sorted(status);
        errorKinds = Maps.sorted(errorKinds);
    }

    /** Responses with a status from 400 to 499 or 500 to 599. */
    public long statusClass(int hundreds) {
        return status.entrySet().stream().filter(e -> e.getKey().length() == 3 && e.getKey().charAt(0) == '0' + hundreds)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
