package io.stressgate.engine.shard;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the shards' time series on absolute time: a shard's interval that ends at {@code startedAt + t} falls into
 * the merged interval nearest to that instant, counted from the earliest shard start. Counts and rates add up;
 * the overall series adds its interval histograms, so its percentiles are exact. Per-name points carry no
 * histogram, so their merged percentiles are left out (null) rather than averaged.
 */
final class SeriesMerge {
    private SeriesMerge() {
    }

    /** One shard's series and when that shard started. */
    record Part(Instant startedAt, TimeSeries series) {
    }

    static TimeSeries merge(List<Part> parts, Instant mergedStart) {
        List<Part> present = parts.stream().filter(p -> p.series() != null).toList();
        if (present.isEmpty()) {
            return null;
        }
        long intervalMs = present.get(0).series().intervalMs();
        Map<Long, Bucket> all = new TreeMap<>();
        Map<String, Map<Long, Bucket>> byName = new LinkedHashMap<>();
        for (Part p : present) {
            double shiftS = (p.startedAt().toEpochMilli() - mergedStart.toEpochMilli()) / 1000.0;
            p.series().all().forEach(point -> bucket(all, point, shiftS, intervalMs).add(point, true));
            p.series().byName().forEach((name, points) -> {
                Map<Long, Bucket> series = byName.computeIfAbsent(name, n -> new TreeMap<>());
                points.forEach(point -> bucket(series, point, shiftS, intervalMs).add(point, false));
            });
        }
        Map<String, List<IntervalPoint>> names = new LinkedHashMap<>();
        byName.forEach((name, buckets) -> names.put(name, points(buckets)));
        return new TimeSeries(intervalMs, points(all), names);
    }

    private static Bucket bucket(Map<Long, Bucket> buckets, IntervalPoint point, double shiftS, long intervalMs) {
        double t = point.t() + shiftS;
        long k = Math.round(t * 1000.0 / intervalMs);
        Bucket b = buckets.computeIfAbsent(k, key -> new Bucket());
        b.t = Math.max(b.t, t);
        return b;
    }

    /** One histogram is reused for every interval: an hour of 1 s intervals must not hold 3,600 of them. */
    private static List<IntervalPoint> points(Map<Long, Bucket> buckets) {
        List<IntervalPoint> points = new ArrayList<>(buckets.size());
        Histogram scratch = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(scratch);
        double last = 0;
        for (Bucket b : buckets.values()) {
            last = Math.max(last, Histograms.round(b.t));
            scratch.reset();
            points.add(b.point(last, scratch, adder));
        }
        adder.close();
        return points;
    }

    /** One merged interval being added up. */
    private static final class Bucket {
        double t;
        long requests;
        long errors;
        long dropped;
        long inFlight;
        double rps;
        final List<String> histograms = new ArrayList<>(2);

        void add(IntervalPoint p, boolean withHistogram) {
            requests += p.requests();
            errors += p.errors();
            dropped += p.dropped();
            inFlight += p.inFlight();
            rps += p.rps();
            if (withHistogram && p.histogram() != null) {
                histograms.add(p.histogram());
            }
        }

        IntervalPoint point(double at, Histogram histogram, HistogramAdder adder) {
            histograms.forEach(adder::add);
            boolean timed = histogram.getTotalCount() > 0;
            return new IntervalPoint(at, requests, errors, dropped, Histograms.round(rps),
                    timed ? Histograms.percentileMs(histogram, 50) : null, timed ? Histograms.percentileMs(histogram, 95) : null,
                    timed ? Histograms.percentileMs(histogram, 99) : null,
                    timed ? Histograms.round(histogram.getMaxValue() / 1000.0) : null, inFlight,
                    timed ? Histograms.encode(histogram) : null);
        }
    }
}
