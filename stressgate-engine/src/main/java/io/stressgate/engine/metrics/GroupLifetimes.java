package io.stressgate.engine.metrics;

import io.stressgate.engine.result.ProcessSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * One watched group's members over the run, updated at each tick on the sampling thread: its process count (kept
 * as the ticks where it changed), the members that ended and the new members that appeared after one ended. A
 * member is a pid with its start time, so a reused pid is a new member. Read by live metrics from other threads.
 */
final class GroupLifetimes {
    /** Whether a member that left the group's selection still runs (it left the group) or ended (it died). */
    @FunctionalInterface
    interface Liveness {
        boolean runs(long pid, long startTime);
    }

    /** A member that ended, before its exit code is looked up. */
    private record Ended(long pid, long atMs) {
    }

    private final Map<Long, Long> live = new HashMap<>();
    private final ArrayDeque<Long> unreplaced = new ArrayDeque<>();
    private final List<ProcessSummary.CountChange> series = new ArrayList<>();
    private final List<Ended> ended = new ArrayList<>();
    private final List<ProcessSummary.Restart> restarted = new ArrayList<>();
    private long deaths;
    private long restarts;
    private long min = -1;
    private long last = -1;
    private boolean started;

    /**
     * Takes one tick: {@code members} maps the pid of each member running now to its start time, {@code count} is
     * the group's process count (descendants included when the group includes them).
     */
    synchronized void tick(long atMs, Map<Long, Long> members, long count, Liveness liveness) {
        Iterator<Map.Entry<Long, Long>> it = live.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> m = it.next();
            Long now = members.get(m.getKey());
            if (now != null && now.equals(m.getValue())) {
                continue;
            }
            it.remove();
            if (now != null || !liveness.runs(m.getKey(), m.getValue())) {
                died(m.getKey(), atMs);
            }
        }
        for (Map.Entry<Long, Long> m : members.entrySet()) {
            if (live.putIfAbsent(m.getKey(), m.getValue()) == null && started && !unreplaced.isEmpty()) {
                restarts++;
                keep(restarted, new ProcessSummary.Restart(m.getKey(), atMs, unreplaced.poll()));
            }
        }
        started = true;
        counted(atMs, count);
    }

    private void died(long pid, long atMs) {
        deaths++;
        keep(ended, new Ended(pid, atMs));
        if (unreplaced.size() < ProcessSummary.MAX_LISTED) {
            unreplaced.add(pid);
        }
    }

    private void counted(long atMs, long count) {
        if (count != last) {
            keep(series, new ProcessSummary.CountChange(atMs, count));
            last = count;
        }
        min = min < 0 ? count : Math.min(min, count);
    }

    private static <T> void keep(List<T> list, T item) {
        if (list.size() < ProcessSummary.MAX_LISTED) {
            list.add(item);
        }
    }

    synchronized long deaths() {
        return deaths;
    }

    synchronized long restarts() {
        return restarts;
    }

    /** The lowest count so far, or -1 before the first tick. */
    synchronized long countMin() {
        return min;
    }

    /** The latest count, or -1 before the first tick. */
    synchronized long countEnd() {
        return last;
    }

    synchronized List<ProcessSummary.CountChange> series() {
        return List.copyOf(series);
    }

    synchronized List<ProcessSummary.Restart> restartList() {
        return List.copyOf(restarted);
    }

    /** The deaths with the exit code of each, as {@code exitCode} knows it (null: only the disappearance is known). */
    synchronized List<ProcessSummary.Death> deathList(LongFunction<Integer> exitCode) {
        List<ProcessSummary.Death> out = new ArrayList<>(ended.size());
        for (Ended e : ended) {
            out.add(ProcessSummary.Death.of(e.pid(), e.atMs(), exitCode.apply(e.pid())));
        }
        return out;
    }
}
