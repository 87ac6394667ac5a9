package io.stressgate.engine.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every process at one moment, by pid, with its parent-child links; walks are bounded by the table's size. */
public final class ProcessTable {
    private final Map<Long, ProcStat> byPid;
    private final Map<Long, List<Long>> children = new HashMap<>();

    public ProcessTable(Map<Long, ProcStat> byPid) {
        this.byPid = Map.copyOf(byPid);
        for (ProcStat s : this.byPid.values()) {
            children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid());
        }
        children.values().forEach(list -> list.sort(null));
    }

    public Optional<ProcStat> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    public Collection<ProcStat> all() {
        return byPid.values();
    }

    /** True when the process with this identity is in the table (same pid, same start time). */
    public boolean alive(ProcessKey key) {
        ProcStat s = byPid.get(key.pid());
        return s != null && s.startTicks() == key.startTicks();
    }

    public List<Long> children(long pid) {
        return children.getOrDefault(pid, List.of());
    }

    /** Every descendant of the process, parents before their children. */
    public List<ProcStat> descendants(long pid) {
        List<ProcStat> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>(Set.of(pid));
        Deque<Long> queue = new ArrayDeque<>(children(pid));
        while (!queue.isEmpty() && found.size() < byPid.size()) {
            long next = queue.removeFirst();
            if (seen.add(next) && byPid.containsKey(next)) {
                found.add(byPid.get(next));
                queue.addAll(children(next));
            }
        }
        return found;
    }

    /** The parent chain of a process up to and including pid 1 (or as far as the table knows), nearest first. */
    public List<Long> ancestors(long pid) {
        List<Long> chain = new ArrayList<>();
        ProcStat current = byPid.get(pid);
        Set<Long> seen = new HashSet<>(Set.of(pid));
        while (current != null && current.ppid() > 0 && seen.add(current.ppid())) {
            chain.add(current.ppid());
            current = byPid.get(current.ppid());
        }
        return chain;
    }

    /** The members of a process group. */
    public List<ProcStat> group(long pgid) {
        return byPid.values().stream().filter(s -> s.pgid() == pgid).sorted(java.util.Comparator.comparingLong(ProcStat::pid)).toList();
    }
}
