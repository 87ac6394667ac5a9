package io.stressgate.engine.process;

import io.stressgate.engine.result.LeakReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the watched processes hold before and after the load: open fds, listening TCP ports, and zombie
 * children nobody reaped. Only processes alive in both snapshots (same pid and start time) are compared; a
 * restarted replica starts afresh.
 */
public final class LeakDetector {
    private static final int MAX_ITEMS = 20;

    private final ProcFs proc;

    public LeakDetector(ProcFs proc) {
        this.proc = proc;
    }

    /** What one watched process holds at one moment. */
    public record Holding(String group, ProcessKey key, List<String> fds, List<String> ports, List<Long> zombieChildren) {
        public Holding {
            fds = List.copyOf(fds);
            ports = List.copyOf(ports);
            zombieChildren = List.copyOf(zombieChildren);
        }
    }

    /** What every watched process holds now; {@code watched} maps a group name to its processes. */
    public Map<ProcessKey, Holding> snapshot(Map<String, List<ProcessKey>> watched) {
        ProcessTable table = proc.table();
        Map<Long, ListeningSocket> listening = proc.listening();
        Map<ProcessKey, Holding> holdings = new LinkedHashMap<>();
        watched.forEach((group, keys) -> {
            for (ProcessKey key : keys) {
                List<String> fds = table.alive(key) ? proc.fdTargets(key.pid()) : null;
                if (fds == null || holdings.containsKey(key)) {
                    continue;
                }
                List<String> ports = proc.listening(key.pid(), listening).stream().map(ListeningSocket::endpoint).sorted().toList();
                List<Long> zombies = table.children(key.pid()).stream()
                        .filter(c -> table.get(c).map(ProcStat::zombie).orElse(false)).toList();
                holdings.put(key, new Holding(group, key, fds, ports, zombies));
            }
        });
        return holdings;
    }

    /** What each process holds more after than before. */
    public LeakReport compare(Map<ProcessKey, Holding> before, Map<ProcessKey, Holding> after) {
        List<LeakReport.Detail> details = new ArrayList<>();
        int fds = 0;
        int ports = 0;
        int zombies = 0;
        for (Holding then : before.values()) {
            Holding now = after.get(then.key());
            if (now == null) {
                continue;
            }
            String name = then.group();
            long pid = then.key().pid();
            if (now.fds().size() > then.fds().size()) {
                fds += now.fds().size() - then.fds().size();
                details.add(new LeakReport.Detail(name, pid, "fds", then.fds().size(), now.fds().size(), added(then.fds(), now.fds())));
            }
            List<String> newPorts = added(then.ports(), now.ports());
            if (!newPorts.isEmpty()) {
                ports += newPorts.size();
                details.add(new LeakReport.Detail(name, pid, "ports", then.ports().size(), now.ports().size(), newPorts));
            }
            List<String> newZombies = added(then.zombieChildren().stream().map(String::valueOf).toList(),
                    now.zombieChildren().stream().map(String::valueOf).toList());
            if (!newZombies.isEmpty()) {
                zombies += newZombies.size();
                details.add(new LeakReport.Detail(name, pid, "zombies", then.zombieChildren().size(),
                        now.zombieChildren().size(), newZombies));
            }
        }
        return new LeakReport(fds, ports, zombies, details);
    }

    /** The items of {@code after} not in {@code before}, counting repeats (two new fds to one file are two). */
    private static List<String> added(List<String> before, List<String> after) {
        Map<String, Integer> remaining = new HashMap<>();
        before.forEach(b -> remaining.merge(b, 1, Integer::sum));
        List<String> added = new ArrayList<>();
        for (String item : after) {
            if (remaining.getOrDefault(item, 0) > 0) {
                remaining.merge(item, -1, Integer::sum);
            } else if (added.size() < MAX_ITEMS) {
                added.add(item);
            }
        }
        return added;
    }
}
