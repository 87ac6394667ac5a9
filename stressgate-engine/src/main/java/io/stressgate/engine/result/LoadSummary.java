package io.stressgate.engine.result;

import java.util.Map;

/**
 * The load figures of one request name, or of all requests: counts, throughput, latency (null when nothing was
 * timed), statuses, errors by kind, bytes received (as on the wire, headers included) and decoded (response
 * bodies after gzip or deflate was undone), the compressed HdrHistogram (base64) so results can be merged later, and
 * the redirects the requests followed (hops; 0 in results written before they were counted).
 */
public record LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                          long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                          long bytesReceived, long bytesDecoded, String histogram, long redirects) {

    /** Figures of a source that knows neither decoded sizes nor redirects (imports, older results): 0 of each. */
    public LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                       long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                       long bytesReceived, String histogram) {
        this(requests, errors, dropped, timeouts, rps, errorRate, samples, latencyMs, status, errorKinds, bytesReceived, 0,
                histogram, 0);
    }

    /** Figures of a source that follows no redirects, or does not count them. */
    public LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                       long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                       long bytesReceived, long bytesDecoded, String histogram) {
        this(requests, errors, dropped, timeouts, rps, errorRate, samples, latencyMs, status, errorKinds, bytesReceived,
                bytesDecoded, histogram, 0);
    }

    /** Figures of a source that does not know decoded sizes. */
    public LoadSummary(long requests, long errors, long dropped, long timeouts, double rps, double errorRate,
                       long samples, LatencyMs latencyMs, Map<String, Long> status, Map<String, Long> errorKinds,
                       long bytesReceived, String histogram, long redirects) {
        this(requests, errors, dropped, timeouts, rps, errorRate, samples, latencyMs, status, errorKinds, bytesReceived, 0,
                histogram, redirects);
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
