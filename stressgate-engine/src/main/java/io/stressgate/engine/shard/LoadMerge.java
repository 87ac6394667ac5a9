package io.stressgate.engine.shard;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.LoadSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Adds the load figures of shards: counts and status codes add up, the histograms are added (so percentiles of the
 * merge are exact, never averaged), and throughput adds up because the shards ran side by side.
 */
final class LoadMerge {
    private LoadMerge() {
    }

    /** Every request name of any shard, in the order first seen, each merged over the shards that have it. */
    static Map<String, LoadSummary> byName(List<Map<String, LoadSummary>> shards) {
        Map<String, List<LoadSummary>> byName = new LinkedHashMap<>();
        for (Map<String, LoadSummary> shard : shards) {
            shard.forEach((name, s) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(s));
        }
        Map<String, LoadSummary> merged = new LinkedHashMap<>();
        byName.forEach((name, list) -> merged.put(name, merge(list)));
        return merged;
    }

    static LoadSummary merge(List<LoadSummary> parts) {
        Histogram h = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(h);
        long requests = 0;
        long errors = 0;
        long dropped = 0;
        long timeouts = 0;
        long bytes = 0;
        long decoded = 0;
        long redirects = 0;
        double rps = 0;
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        for (LoadSummary s : parts) {
            requests += s.requests();
            errors += s.errors();
            dropped += s.dropped();
            timeouts += s.timeouts();
            bytes += s.bytesReceived();
            decoded += s.bytesDecoded();
            redirects += s.redirects();
            rps += s.rps();
            s.status().forEach((k, v) -> status.merge(k, v, Long::sum));
            s.errorKinds().forEach((k, v) -> kinds.merge(k, v, Long::sum));
            adder.add(s.histogram());
        }
        adder.close();
        double errorRate = requests == 0 ? 0 : Math.round(errors * 1e6 / requests) / 1e6;
        return new LoadSummary(requests, errors, dropped, timeouts, Histograms.round(rps), errorRate, h.getTotalCount(),
                Histograms.latency(h), status, kinds, bytes, decoded, Histograms.encode(h), redirects);
    }
}
