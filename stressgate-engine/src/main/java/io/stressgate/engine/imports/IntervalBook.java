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
    private static final int ALL_DIGITS = 3;
    private static final int NAME_DIGITS = 2;

    private long intervalMs;
    private final TreeMap<Long, Slot> open = new TreeMap<>();
    private final TreeMap<Long, Sealed> sealed = new TreeMap<>();
    private long lastIndex = Long.MIN_VALUE;
    private Slot lastSlot;
    private final List<Slot> spareAll = new ArrayList<>();
    private final List<Slot> spareNames = new ArrayList<>();
    private final HistogramEncoder encoder = new HistogramEncoder(Deflater.BEST_SPEED);

    IntervalBook(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /**
     * One interval with live histograms: the overall one at three significant digits, as results keep them; those of
     * names, which only give an interval's percentiles for charts, at two (a tenth of the memory and encoding time).
     */
    private static final class Slot {
        final Histogram all;
        final Map<String, Slot> names = new HashMap<>();
        long requests;
        long failures;
        long users = -1;

        Slot(int digits) {
            all = new Histogram(1, Histograms.HIGHEST_REQUEST_MICROS, digits);
        }

        void reset() {
            all.reset();
            names.clear();
            requests = 0;
            failures = 0;
            users = -1;
        }
    }

    /** One interval compressed. */
    private record Sealed(long requests, long failures, long users, String histogram, Map<String, Sealed> names) {
    }

    void add(String name, long timeMs, long micros, boolean failed, long users) {
        Slot slot = slot(timeMs);
        record(slot, micros, failed, users);
        Slot named = slot.names.get(name);
        if (named == null) {
            named = fresh(NAME_DIGITS);
            slot.names.put(name, named);
        }
        record(named, micros, failed, users);
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
        Slot s = sealed.containsKey(index) ? unseal(sealed.remove(index)) : fresh(ALL_DIGITS);
        open.put(index, s);
        if (open.size() + sealed.size() > MAX_INTERVALS) {
            coarsen();
            return opened(Math.floorDiv(index, 2));
        }
        return s;
    }

    /** Compresses an interval and keeps its histograms for the next one. */
    private Sealed seal(Slot s) {
        Map<String, Sealed> names = new LinkedHashMap<>();
        s.names.forEach((n, slot) -> names.put(n, seal(slot)));
        Sealed z = new Sealed(s.requests, s.failures, s.users, encoder.encode(s.all), names);
        s.reset();
        (s.all.getNumberOfSignificantValueDigits() == ALL_DIGITS ? spareAll : spareNames).add(s);
        return z;
    }

    private void release(Slot s) {
        s.names.values().forEach(this::release);
        s.reset();
        (s.all.getNumberOfSignificantValueDigits() == ALL_DIGITS ? spareAll : spareNames).add(s);
    }

    private Slot fresh(int digits) {
        List<Slot> spares = digits == ALL_DIGITS ? spareAll : spareNames;
        return spares.isEmpty() ? new Slot(digits) : spares.remove(spares.size() - 1);
    }

    private Slot unseal(Sealed z) {
        Slot s = fresh(ALL_DIGITS);
        merge(s, z);
        return s;
    }

    private void merge(Slot s, Sealed z) {
        s.all.add(Histograms.decode(z.histogram()));
        s.requests += z.requests();
        s.failures += z.failures();
        s.users = Math.max(s.users, z.users());
        z.names().forEach((n, nz) -> merge(s.names.computeIfAbsent(n, k -> fresh(NAME_DIGITS)), nz));
    }

    private void merge(Slot into, Slot from) {
        into.all.add(from.all);
        into.requests += from.requests;
        into.failures += from.failures;
        into.users = Math.max(into.users, from.users);
        from.names.forEach((n, f) -> merge(into.names.computeIfAbsent(n, k -> fresh(NAME_DIGITS)), f));
    }

    /** Doubles the interval: every pair of neighbours becomes one, sealed, so memory drops. */
    private void coarsen() {
        intervalMs *= 2;
        TreeMap<Long, Slot> merged = new TreeMap<>();
        TreeMap<Long, Sealed> sealedMerged = new TreeMap<>();
        for (var e : sealed.entrySet()) {
            merge(merged.computeIfAbsent(Math.floorDiv(e.getKey(), 2), k -> fresh(ALL_DIGITS)), e.getValue());
            if (merged.size() > OPEN) {
                var first = merged.pollFirstEntry();
                sealedMerged.put(first.getKey(), seal(first.getValue()));
            }
        }
        for (var e : open.entrySet()) {
            Slot target = merged.get(Math.floorDiv(e.getKey(), 2));
            if (target == null) {
                target = sealedMerged.containsKey(Math.floorDiv(e.getKey(), 2))
                        ? unseal(sealedMerged.remove(Math.floorDiv(e.getKey(), 2))) : fresh(ALL_DIGITS);
                merged.put(Math.floorDiv(e.getKey(), 2), target);
            }
            merge(target, e.getValue());
            release(e.getValue());
        }
        sealed.clear();
        open.clear();
        lastSlot = null;
        sealed.putAll(sealedMerged);
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
