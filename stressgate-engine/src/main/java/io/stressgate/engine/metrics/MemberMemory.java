package io.stressgate.engine.metrics;

import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One watched group's processes one by one, updated at each tick on the sampling thread: each process counted in
 * the group's figures with its first and last sighting and its peak RSS (a reused pid with a new start time is a new
 * process), and the group's RSS about once a second for its growth. Processes that ended beyond
 * {@link ProcessSummary#MAX_LISTED} are counted but not kept; the RSS curve keeps at most {@value #MAX_POINTS} points by halving its resolution.
 */
final class MemberMemory {
    static final int MAX_POINTS = 2_048;

    /** A process being followed. */
    private static final class Life {
        final long pid;
        final long startTime;
        final long firstMs;
        long lastMs;
        long peak;

        Life(long pid, long startTime, long atMs) {
            this.pid = pid;
            this.startTime = startTime;
            this.firstMs = atMs;
            this.lastMs = atMs;
        }
    }

    private final Map<Long, Life> current = new LinkedHashMap<>();
    private final List<Life> ended = new ArrayList<>();
    private long seen;
    private long lastTickMs = -1;
    private final long[] times = new long[MAX_POINTS];
    private final long[] values = new long[MAX_POINTS];
    private int points;
    private int stride = 1;
    private long offered;

    /** One process read at this tick, counted in the group's figures. */
    synchronized void saw(long atMs, long pid, long startTime, long rssBytes) {
        Life life = current.get(pid);
        if (life != null && life.startTime != startTime) {
            end(life);
            life = null;
        }
        if (life == null) {
            seen++;
            life = new Life(pid, startTime, atMs);
            current.put(pid, life);
        }
        life.lastMs = atMs;
        life.peak = Math.max(life.peak, rssBytes);
    }

    /** The tick is over: processes not seen in it have ended. */
    synchronized void tickDone(long atMs) {
        current.values().removeIf(life -> {
            if (life.lastMs < atMs) {
                end(life);
                return true;
            }
            return false;
        });
        lastTickMs = atMs;
    }

    private void end(Life life) {
        if (ended.size() < ProcessSummary.MAX_LISTED) {
            ended.add(life);
        }
    }

    /** The group's RSS at {@code atMs}; kept one in {@code stride}, the stride doubling when the curve is full. */
    synchronized void groupRss(long atMs, long bytes) {
        if (offered++ % stride != 0) {
            return;
        }
        if (points == MAX_POINTS) {
            for (int i = 0; i < MAX_POINTS / 2; i++) {
                times[i] = times[2 * i];
                values[i] = values[2 * i];
            }
            points = MAX_POINTS / 2;
            stride *= 2;
            offered = 1;
        }
        times[points] = atMs;
        values[points] = bytes;
        points++;
    }

    synchronized long pidsSeen() {
        return seen;
    }

    /** The group's RSS curve so far. */
    synchronized List<RssGrowth.Point> curve() {
        List<RssGrowth.Point> out = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            out.add(new RssGrowth.Point(times[i], values[i]));
        }
        return out;
    }

    /**
     * Every process followed, in order of first sighting (then pid), with how those that ended ended as
     * {@code deaths} say: the first death of its pid after it was last seen (a reused pid has deaths of its own).
     */
    synchronized List<PidLife> lives(List<ProcessSummary.Death> deaths) {
        List<Life> all = new ArrayList<>(ended);
        all.addAll(current.values());
        all.sort(Comparator.comparingLong((Life l) -> l.firstMs).thenComparingLong(l -> l.pid));
        List<PidLife> out = new ArrayList<>(all.size());
        for (Life l : all) {
            boolean running = current.get(l.pid) == l && l.lastMs == lastTickMs;
            ProcessSummary.Death d = running ? null : deaths.stream().filter(x -> x.pid() == l.pid && x.atMs() > l.lastMs)
                    .findFirst().orElse(null);
            out.add(new PidLife(l.pid, l.firstMs, l.lastMs, l.peak, running, d == null ? null : d.exitCode(),
                    d == null ? null : d.signal()));
        }
        return out;
    }
}
