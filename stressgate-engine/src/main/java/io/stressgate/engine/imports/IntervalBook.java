package io.stressgate.engine.imports;

import io.stressgate.engine.result.HistogramEncoder;
import io.stressgate.engine.result.Histograms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * Per-interval figures rebuilt from raw samples, overall and by request name, with bounded memory: only the last
 * {@value #OPEN} intervals keep live histograms; older ones are compressed, and a late sample reopens its interval.
 * Past {@value #MAX_INTERVALS} intervals the interval doubles and neighbours merge exactly, so a day-long file stays
 * small. Intervals are aligned on multiples of their length since the epoch.
 */
final class IntervalBook {
    static final int OPEN = 16;
    static final int MAX_INTERVALS = 3600;

    private long intervalMs;
    private final TreeMap<Long, Slot> open = new TreeMap<>();
    private final TreeMap<Long, Sealed> sealed = new TreeMap<>();
    private long lastIndex = Long.MIN_VALUE;
    private Slot lastSlot;
    private final HistogramEncoder encoder = new HistogramEncoder(Deflater.BEST_SPEED);

    IntervalBook(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** One interval with live histograms. */
    private static final class Slot {
        final Histogram all = new Histogram(3);
        final Map<String, Slot> names = new HashMap<>();
        long requests;
        long failures;
        long users = -1;
    }

    /** One interval compressed. */
    private record Sealed(long requests, long failures, long users, String histogram, Map<String, Sealed> names) {
    }

    void add(String name, long timeMs, long micros, boolean failed, long users) {
        Slot slot = slot(timeMs);
        record(slot, micros, failed, users);
        record(slot.names.computeIfAbsent(name, n -> new Slot()), micros, failed, users);
    }

    private static void record(Slot s, long micros, boolean failed, long users) {
        s.all.recordValue(Math.max(0, Math.min(micros, Histograms.HIGHEST_REQUEST_MICROS)));
        s.requests++;
        if (failed) {
            s.failures++;
        }
        s.users = Math.max(s.users, users);
    }

    private Slot slot(long timeMs) {
        long index = Math.floorDiv(timeMs, intervalMs);
        if (index == lastIndex && lastSlot != null) {
            return lastSlot;
        }
        Slot s = open.get(index);
        if (s == null) {
            s = opened(index);
            index = Math.floorDiv(timeMs, intervalMs);
        }
        lastIndex = index;
        lastSlot = s;
        return s;
    }

    /** Opens an interval (reopening it when sealed), sealing the oldest open one to make room. */
    private Slot opened(long index) {
        if (open.size() >= OPEN) {
            var oldest = open.pollFirstEntry();
            sealed.put(oldest.getKey(), seal(oldest.getValue()));
        }
        Slot s = sealed.containsKey(index) ? unseal(sealed.remove(index)) : new Slot();
        open.put(index, s);
        if (open.size() + sealed.size() > MAX_INTERVALS) {
            coarsen();
            return opened(Math.floorDiv(index, 2));
        }
        return s;
    }

    private Sealed seal(Slot s) {
        Map<String, Sealed> names = new LinkedHashMap<>();
        s.names.forEach((n, slot) -> names.put(n, seal(slot)));
        return new Sealed(s.requests, s.failures, s.users, encoder.encode(s.all), names);
    }

    private static Slot unseal(Sealed z) {
        Slot s = new Slot();
        merge(s, z);
        return s;
    }

    private static void merge(Slot s, Sealed z) {
        s.all.add(Histograms.decode(z.histogram()));
        s.requests += z.requests();
        s.failures += z.failures();
        s.users = Math.max(s.users, z.users());
        z.names().forEach((n, nz) -> merge(s.names.computeIfAbsent(n, k -> new Slot()), nz));
    }

    private static void merge(Slot into, Slot from) {
        into.all.add(from.all);
        into.requests += from.requests;
        into.failures += from.failures;
        into.users = Math.max(into.users, from.users);
        from.names.forEach((n, f) -> merge(into.names.computeIfAbsent(n, k -> new Slot()), f));
    }

    /** Doubles the interval: every pair of neighbours becomes one, sealed, so memory drops. */
    private void coarsen() {
        intervalMs *= 2;
        TreeMap<Long, Slot> merged = new TreeMap<>();
        for (var e : sealed.entrySet()) {
            merge(merged.computeIfAbsent(Math.floorDiv(e.getKey(), 2), k -> new Slot()), e.getValue());
        }
        for (var e : open.entrySet()) {
            merge(merged.computeIfAbsent(Math.floorDiv(e.getKey(), 2), k -> new Slot()), e.getValue());
        }
        sealed.clear();
        open.clear();
        lastSlot = null;
        merged.forEach((k, s) -> sealed.put(k, seal(s)));
    }

    long intervalMs() {
        return intervalMs;
    }

    /** The overall series, each interval ending {@code endMs} after {@code startMs}. */
    List<IntervalFigures> all(long startMs) {
        sealAll();
        List<IntervalFigures> points = new ArrayList<>();
        sealed.forEach((k, z) -> points.add(figures(k, z, startMs)));
        return points;
    }

    /** The series of each name, in the order names first appear in {@code order}. */
    Map<String, List<IntervalFigures>> byName(List<String> order, long startMs) {
        sealAll();
        Map<String, List<IntervalFigures>> out = new LinkedHashMap<>();
        order.forEach(n -> out.put(n, new ArrayList<>()));
        sealed.forEach((k, z) -> z.names().forEach((n, nz) -> out.get(n).add(figures(k, nz, startMs))));
        return out;
    }

    private IntervalFigures figures(long index, Sealed z, long startMs) {
        return new IntervalFigures(Math.max(0, (index + 1) * intervalMs - startMs), z.requests(), z.failures(),
                z.users() < 0 ? null : z.users(), z.histogram(), null);
    }

    private void sealAll() {
        open.forEach((k, s) -> sealed.put(k, seal(s)));
        open.clear();
        lastSlot = null;
    }
}
