package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcStat;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessTable;
import io.stressgate.engine.scenario.TargetChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Turns what a chaos action matched into its candidates (the matches, their direct children, or the leaves of their
 * trees) and picks the ones it hits. A worker and the process it forks per job share a command line, so only this
 * choice lets a kill reach the process that is running a job. Zombies are never candidates: a signal cannot hurt them.
 */
public final class CandidatePicker {
    /** How long {@code pick: busy} watches the candidates' CPU time. */
    public static final Duration BUSY_WINDOW = Duration.ofMillis(200);
    private static final int MAX_LISTED = 10;

    private final ProcFs proc;
    private final Random random;
    private final Duration busyWindow;

    public CandidatePicker(ProcFs proc, Random random, Duration busyWindow) {
        this.proc = proc;
        this.random = random;
        this.busyWindow = busyWindow;
    }

    /** The candidates among the matches: the matches in their order, or children or leaves in pid order. */
    public List<ProcessInfo> candidates(List<ProcessInfo> matches, TargetChoice.Among among, ProcessTable table) {
        if (among == TargetChoice.Among.MATCHES) {
            return matches;
        }
        Map<Long, ProcessInfo> found = new LinkedHashMap<>();
        for (ProcessInfo match : matches) {
            List<Long> pids = among == TargetChoice.Among.CHILDREN ? liveChildren(match.pid(), table) : leaves(match, table);
            for (long pid : pids) {
                proc.process(pid).filter(p -> !p.stat().zombie()).ifPresent(p -> found.putIfAbsent(p.pid(), p));
            }
        }
        return found.values().stream().sorted(Comparator.comparingLong(ProcessInfo::pid)).toList();
    }

    private static List<Long> liveChildren(long pid, ProcessTable table) {
        return table.children(pid).stream().filter(c -> table.get(c).map(s -> !s.zombie()).orElse(false)).toList();
    }

    /** The processes of the match's tree without live children of their own (the match itself when it has none). */
    private static List<Long> leaves(ProcessInfo match, ProcessTable table) {
        List<Long> tree = new ArrayList<>(List.of(match.pid()));
        table.descendants(match.pid()).stream().filter(s -> !s.zombie()).map(ProcStat::pid).forEach(tree::add);
        return tree.stream().filter(pid -> liveChildren(pid, table).isEmpty()).toList();
    }

    /**
     * The {@code count} candidates the pick names. {@code busy} watches their CPU time for a short window and refuses
     * when fewer than {@code count} used any: hitting an idle process instead would quietly miss the planned fault.
     */
    public List<ProcessInfo> pick(List<ProcessInfo> candidates, TargetChoice.Pick pick, int count)
            throws ChaosRefusal, InterruptedException {
        int n = Math.min(count, candidates.size());
        List<ProcessInfo> ordered = switch (pick) {
            case FIRST -> candidates;
            case OLDEST -> sorted(candidates, Comparator.comparingLong((ProcessInfo p) -> p.stat().startTicks()));
            case YOUNGEST -> sorted(candidates, Comparator.comparingLong((ProcessInfo p) -> p.stat().startTicks()).reversed());
            case RANDOM -> shuffled(candidates);
            case BUSY -> busiest(candidates, n);
        };
        return List.copyOf(ordered.subList(0, n));
    }

    private static List<ProcessInfo> sorted(List<ProcessInfo> candidates, Comparator<ProcessInfo> order) {
        return candidates.stream().sorted(order.thenComparingLong(ProcessInfo::pid)).toList();
    }

    private List<ProcessInfo> shuffled(List<ProcessInfo> candidates) {
        List<ProcessInfo> copy = new ArrayList<>(candidates);
        Collections.shuffle(copy, random);
        return copy;
    }

    private List<ProcessInfo> busiest(List<ProcessInfo> candidates, int n) throws ChaosRefusal, InterruptedException {
        Map<ProcessInfo, Long> before = ticks(candidates);
        Thread.sleep(Math.max(1, busyWindow.toMillis()));
        Map<ProcessInfo, Long> used = new LinkedHashMap<>();
        ticks(candidates).forEach((p, after) -> {
            Long start = before.get(p);
            if (start != null) {
                used.put(p, after - start);
            }
        });
        List<ProcessInfo> busy = used.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<ProcessInfo, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().pid()))
                .map(Map.Entry::getKey).toList();
        if (busy.size() < n) {
            throw new ChaosRefusal(SafetyRule.NOT_BUSY, "pick: busy needs " + n + " busy candidate(s), but only " + busy.size()
                    + " of " + candidates.size() + " used CPU in " + busyWindow.toMillis() + " ms (CPU ticks by pid: "
                    + listing(used) + "); nothing was sent, as hitting an idle process would miss the planned fault");
        }
        return busy;
    }

    private Map<ProcessInfo, Long> ticks(List<ProcessInfo> candidates) {
        Map<ProcessInfo, Long> ticks = new LinkedHashMap<>();
        for (ProcessInfo p : candidates) {
            OptionalLong t = proc.cpuTicks(p.key());
            if (t.isPresent()) {
                ticks.put(p, t.getAsLong());
            }
        }
        return ticks;
    }

    private static String listing(Map<ProcessInfo, Long> used) {
        String list = used.entrySet().stream().limit(MAX_LISTED).map(e -> e.getKey().pid() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return (list.isEmpty() ? "none still running" : list) + (used.size() > MAX_LISTED ? ", ..." : "");
    }
}
