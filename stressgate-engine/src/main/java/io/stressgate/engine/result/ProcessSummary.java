package io.stressgate.engine.result;

import java.util.List;
import java.util.Map;

/**
 * A watched process group (a service or a selector) over the run: its peaks; its process count at its lowest, at
 * its highest, at the end and over time (each change, at most {@value #MAX_LISTED}); its members that ended
 * (deaths) and the new members that appeared after one ended (restarts), counted exactly and listed up to
 * {@value #MAX_LISTED}. Members are the group's own processes (a service's replicas, a selector's top matches):
 * descendants that come and go with the work are not deaths. Results written before counts and lifetimes were
 * recorded have null counts and empty lists. Each process counted in the group's figures is listed with its
 * lifetime and peak ({@code pidList}, at most {@value #MAX_LISTED}; {@code pidsSeen} counts them all), with the
 * group's OOM kills and the growth of its RSS; results written before these were recorded have them null or empty.
 */
public record ProcessSummary(List<Long> pids, long rssMaxBytes, double cpuMaxPercent, long threadsMax, long fdsMax,
                             long childrenMax, long countMax, Long countMin, Long countEnd, List<CountChange> countSeries,
                             Long deaths, Long restarts, List<Death> deathList, List<Restart> restartList,
                             Long pidsSeen, List<PidLife> pidList, OomKills oomKills, RssGrowth rssGrowth) {
    /** How many count changes, deaths and restarts are listed at most; the counts stay exact beyond it. */
    public static final int MAX_LISTED = 1_000;

    public ProcessSummary {
        pids = List.copyOf(pids);
        // Results written before these lists existed read as having none; their counts are null.
        countSeries = countSeries == null ? List.of() : List.copyOf(countSeries);
        deathList = deathList == null ? List.of() : List.copyOf(deathList);
        restartList = restartList == null ? List.of() : List.copyOf(restartList);
        pidList = pidList == null ? List.of() : List.copyOf(pidList);
    }

    /** The peaks and lifetimes as recorded before per-process memory, OOM kills and growth were. */
    public ProcessSummary(List<Long> pids, long rssMaxBytes, double cpuMaxPercent, long threadsMax, long fdsMax,
                          long childrenMax, long countMax, Long countMin, Long countEnd, List<CountChange> countSeries,
                          Long deaths, Long restarts, List<Death> deathList, List<Restart> restartList) {
        this(pids, rssMaxBytes, cpuMaxPercent, threadsMax, fdsMax, childrenMax, countMax, countMin, countEnd, countSeries,
                deaths, restarts, deathList, restartList, null, List.of(), null, null);
    }

    /** The largest peak RSS of a single process of the group, or null when no process was listed. */
    public Long rssMaxProcessBytes() {
        return pidList.stream().mapToLong(PidLife::peakRssBytes).boxed().max(Long::compare).orElse(null);
    }

    /** The group's process count from {@code atMs} (ms from run start) until the next change. */
    public record CountChange(long atMs, long count) {
    }

    /**
     * A member that ended, first seen gone at {@code atMs}; with its exit code and the signal that ended it when the
     * tool started it (the JVM reports death by signal N as exit code 128 + N), both null when only its
     * disappearance is known.
     */
    public record Death(long pid, long atMs, Integer exitCode, String signal) {
        private static final Map<Integer, String> SIGNALS = Map.of(1, "HUP", 2, "INT", 3, "QUIT", 6, "ABRT", 9, "KILL",
                11, "SEGV", 13, "PIPE", 15, "TERM");

        /** A death with the exit code the JVM gave (null when not known) and the signal it stands for, if any. */
        public static Death of(long pid, long atMs, Integer exitCode) {
            String signal = null;
            if (exitCode != null && exitCode > 128 && exitCode <= 128 + 64) {
                signal = SIGNALS.getOrDefault(exitCode - 128, "signal " + (exitCode - 128));
            }
            return new Death(pid, atMs, exitCode, signal);
        }
    }

    /** A new member {@code pid} first seen at {@code atMs}, taking the place of the member {@code replaced} that ended. */
    public record Restart(long pid, long atMs, long replaced) {
    }
}
