package io.stressgate.engine.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers every descendant of the watched processes seen while the run samples them, with the parent it had
 * then, so that a process whose parent died (and which the kernel handed to init or a subreaper) can still be
 * traced to what the run watched. The sampler calls {@link #record} at each tick; one tick reads each process's
 * stat line once.
 */
public final class ProcessTreeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTreeRecorder.class);
    private static final int MAX_SEEN = 100_000;

    private final ProcFs proc;
    private final Map<ProcessKey, Outlived> seen = new HashMap<>();
    private final java.util.Set<ProcessKey> roots = new java.util.HashSet<>();
    private boolean full;

    public ProcessTreeRecorder(ProcFs proc) {
        this.proc = proc;
    }

    /** A descendant of a watched process, the parent it had when it was seen, and the watched process it descends from. */
    public record Outlived(ProcessKey process, ProcessKey formerParent, ProcessKey watched) {
    }

    /** Reads the process table and records the descendants of {@code watchedPids}. */
    public void record(Collection<Long> watchedPids) {
        record(proc.table(), watchedPids);
    }

    /** Records the descendants of {@code watchedPids} in a table the caller already read. */
    public synchronized void record(ProcessTable table, Collection<Long> watchedPids) {
        for (long root : watchedPids) {
            table.get(root).ifPresent(r -> {
                if (roots.size() < MAX_SEEN) {
                    roots.add(r.key());
                }
                for (ProcStat child : table.descendants(root)) {
                    ProcessKey parent = table.get(child.ppid()).map(ProcStat::key).orElse(new ProcessKey(child.ppid(), -1));
                    remember(new Outlived(child.key(), parent, r.key()));
                }
            });
        }
    }

    private void remember(Outlived entry) {
        if (seen.containsKey(entry.process())) {
            return;
        }
        if (seen.size() >= MAX_SEEN) {
            if (!full) {
                LOG.warn("more than {} descendants seen; later ones are not traced", MAX_SEEN);
                full = true;
            }
            return;
        }
        seen.put(entry.process(), entry);
    }

    /** The descendants seen earlier that still run now although the parent they had then has exited. */
    public synchronized List<Outlived> outlived(ProcessTable now) {
        List<Outlived> found = new ArrayList<>();
        for (Outlived entry : seen.values()) {
            if (now.alive(entry.process()) && !now.alive(entry.formerParent())) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparingLong(o -> o.process().pid()));
        return found;
    }

    /** True when the process was watched, or seen as a descendant of a watched process. */
    public synchronized boolean seen(ProcessKey key) {
        return roots.contains(key) || seen.containsKey(key);
    }
}
