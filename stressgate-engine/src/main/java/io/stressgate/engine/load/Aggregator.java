package io.stressgate.engine.load;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.ErrorKind;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the loops' interval figures into the run's figures: per name and overall totals, and one time-series
 * point per interval once every loop has reported it. Histograms are added, never percentiles averaged.
 * Runs on the control thread only.
 */
final class Aggregator {
    private final List<String> names;
    private final CheckTable checks;
    private final int[] checkCounts;
    private final int loops;
    private final long intervalNanos;
    private final NameStats[] totals;
    private final Map<Long, Pending> pending = new TreeMap<>();
    private final List<IntervalPoint> all = new ArrayList<>();
    private final Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
    private final NameStats scratch = new NameStats();
    private long nextPoint;
    private StepJudge judge;

    /** One interval while its loops report. */
    private final class Pending {
        final NameStats[] merged = fresh();
        int reports;
        int inFlight;
    }

    Aggregator(List<String> names, CheckTable checks, int loops, long intervalNanos) {
        this.names = List.copyOf(names);
        this.checks = checks;
        this.checkCounts = checks.counts();
        this.loops = loops;
        this.intervalNanos = intervalNanos;
        this.totals = fresh();
        names.forEach(n -> byName.put(n, new ArrayList<>()));
    }

    private NameStats[] fresh() {
        NameStats[] set = new NameStats[names.size()];
        for (int i = 0; i < set.length; i++) {
            set[i] = new NameStats(checkCounts[i]);
        }
        return set;
    }

    /** Merges one loop's interval; returns true when that completed a time-series point. */
    boolean add(StatsBook.Snapshot s, long elapsedNanos) {
        Pending p = pending.computeIfAbsent(s.interval(), k -> new Pending());
        for (int i = 0; i < names.size(); i++) {
            p.merged[i].add(s.names()[i]);
            totals[i].add(s.names()[i]);
        }
        p.inFlight += s.inFlight();
        p.reports++;
        boolean completed = false;
        while (pending.containsKey(nextPoint) && pending.get(nextPoint).reports == loops) {
            point(pending.remove(nextPoint), elapsedNanos);
            nextPoint++;
            completed = true;
        }
        return completed;
    }

    /** Hands every merged interval from now on to {@code judge} as well (a stepping phase started). */
    void judge(StepJudge judge) {
        this.judge = judge;
    }

    private void point(Pending p, long elapsedNanos) {
        if (judge != null) {
            judge.interval(nextPoint, p.merged);
        }
        double end = Math.min((nextPoint + 1) * intervalNanos, Math.max(elapsedNanos, nextPoint * intervalNanos + 1)) / 1e9;
        double length = end - nextPoint * intervalNanos / 1e9;
        scratch.reset();
        for (int i = 0; i < names.size(); i++) {
            scratch.add(p.merged[i]);
            byName.get(names.get(i)).add(point(p.merged[i], end, length, p.inFlight, false));
        }
        all.add(point(scratch, end, length, p.inFlight, true));
    }

    private static IntervalPoint point(NameStats s, double end, double length, int inFlight, boolean withHistogram) {
        boolean timed = s.latency.getTotalCount() > 0;
        return new IntervalPoint(Histograms.round(end), s.requests, s.errors, s.dropped, Histograms.round(s.requests / length),
                timed ? Histograms.percentileMs(s.latency, 50) : null, timed ? Histograms.percentileMs(s.latency, 95) : null,
                timed ? Histograms.percentileMs(s.latency, 99) : null, timed ? Histograms.round(s.latency.getMaxValue() / 1000.0) : null,
                inFlight, withHistogram && timed ? Histograms.pack(s.latency) : null);
    }

    /** Closes every interval still waiting for a loop's report (the run is over; a loop may have rolled once less). */
    void finish(long elapsedNanos) {
        while (!pending.isEmpty()) {
            long first = ((TreeMap<Long, Pending>) pending).firstKey();
            nextPoint = Math.max(nextPoint, first);
            point(pending.remove(first), elapsedNanos);
            nextPoint++;
        }
    }

    /** The latest complete point, or null before the first. */
    IntervalPoint lastPoint() {
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    List<IntervalPoint> series() {
        return all;
    }

    Map<String, List<IntervalPoint>> seriesByName() {
        return byName;
    }

    /** Every check's passes and fails so far. */
    List<CheckSummary> checks() {
        return checks.summaries(totals);
    }

    /** The totals so far: {@code all} first, then each request name that sent anything or was named in the scenario. */
    Map<String, LoadSummary> summaries(double seconds) {
        Map<String, LoadSummary> out = new LinkedHashMap<>();
        NameStats sum = new NameStats();
        for (NameStats t : totals) {
            sum.add(t);
        }
        out.put(RunResults.ALL, summary(sum, seconds));
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), summary(totals[i], seconds));
        }
        return out;
    }

    static LoadSummary summary(NameStats s, double seconds) {
        Histogram h = s.latency;
        LatencyMs latency = Histograms.latency(h);
        Map<String, Long> status = new TreeMap<>();
        for (int code = 100; code < s.status.length; code++) {
            if (s.status[code] > 0) {
                status.put(Integer.toString(code), s.status[code]);
            }
        }
        Map<String, Long> kinds = new TreeMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            if (s.errorKinds[k.ordinal()] > 0) {
                kinds.put(k.key(), s.errorKinds[k.ordinal()]);
            }
        }
        double rps = seconds > 0 ? Histograms.round(s.requests / seconds) : 0;
        double errorRate = s.requests == 0 ? 0 : Math.round(s.errors * 1e6 / s.requests) / 1e6;
        return new LoadSummary(s.requests, s.errors, s.dropped, s.timeouts, rps, errorRate, h.getTotalCount(), latency,
                status, kinds, s.bytes, s.decoded, Histograms.encode(h), s.redirects);
    }
}
