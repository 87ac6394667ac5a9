package io.stressgate.engine.process;

import io.stressgate.engine.result.OrphanReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the processes a run left behind: those carrying the run cookie (COOKIE), descendants of watched processes
 * whose parent died (REPARENTED, through the {@link ProcessTreeRecorder}), new processes matching a pattern
 * (PATTERN) and zombies whose parent is one of ours (ZOMBIE). The tool itself and its ancestors, the live process
 * tree it runs in, excluded pids with their descendants, kernel threads and processes of another run or build are
 * never reported.
 */
public final class OrphanDetector {
    private final ProcFs proc;
    private final OrphanCriteria criteria;
    private final ProcessTreeRecorder recorder;
    private final long selfPid;
    private Set<ProcessKey> before = Set.of();

    public OrphanDetector(ProcFs proc, OrphanCriteria criteria, ProcessTreeRecorder recorder, long selfPid) {
        this.proc = proc;
        this.criteria = criteria;
        this.recorder = recorder;
        this.selfPid = selfPid;
    }

    /** What a check found: how many processes it looked at, and the orphans with their identities for reaping. */
    public record Findings(int checked, List<OrphanReport> orphans, Map<Long, ProcessKey> keys) {
        public Findings {
            orphans = List.copyOf(orphans);
            keys = Map.copyOf(keys);
        }

        /**
         * These findings plus the processes an earlier check found orphaned by their parent's death that have ended
         * since: a service stop that signals its process group ends them too, and would otherwise hide a helper that
         * a killed worker left running for the rest of the run.
         */
        public Findings withEndedSince(Findings earlier) {
            List<OrphanReport> all = new ArrayList<>(orphans);
            Map<Long, ProcessKey> allKeys = new HashMap<>(keys);
            Set<ProcessKey> now = Set.copyOf(keys.values());
            for (OrphanReport o : earlier.orphans()) {
                ProcessKey key = earlier.keys().get(o.pid());
                if (o.why() == OrphanReport.Reason.REPARENTED && !now.contains(key) && !allKeys.containsKey(o.pid())) {
                    all.add(new OrphanReport(o.pid(), o.ppid(), o.command(), o.why(),
                            o.detail() + "; it ran until the services were stopped, which ended it", false));
                    allKeys.put(o.pid(), key);
                }
            }
            all.sort(java.util.Comparator.comparingLong(OrphanReport::pid));
            return new Findings(checked, all, allKeys);
        }
    }

    /** Remembers every process running now, so that pattern matches and zombies found later count only if new. */
    public synchronized void before() {
        before = proc.table().all().stream().map(ProcStat::key).collect(Collectors.toUnmodifiableSet());
    }

    /** Looks at every process once. The caller waits the grace period first. */
    public synchronized Findings check() {
        ProcessTable table = proc.table();
        Set<Long> protectedPids = protectedPids(table);
        Map<ProcessKey, ProcessTreeRecorder.Outlived> outlived = new HashMap<>();
        if (recorder != null) {
            recorder.outlived(table).forEach(o -> outlived.put(o.process(), o));
        }
        List<OrphanReport> orphans = new ArrayList<>();
        Map<Long, ProcessKey> keys = new HashMap<>();
        int checked = 0;
        for (ProcStat stat : table.all()) {
            if (protectedPids.contains(stat.pid()) || stat.pid() <= 2 || stat.ppid() == 2) {
                continue;
            }
            checked++;
            Optional<OrphanReport> orphan = stat.zombie() ? zombie(stat, table) : living(stat, outlived.get(stat.key()));
            orphan.ifPresent(o -> {
                orphans.add(o);
                keys.put(o.pid(), stat.key());
            });
        }
        orphans.sort(java.util.Comparator.comparingLong(OrphanReport::pid));
        return new Findings(checked, withPorts(orphans), keys);
    }

    /**
     * The tool, its ancestors, the excluded pids with their descendants, and the live process tree the tool runs in:
     * the highest unbroken chain of ancestors carrying one of our cookies (a CI step's shell and its heartbeat) is
     * still running, so nothing under it is left behind yet.
     */
    private Set<Long> protectedPids(ProcessTable table) {
        List<Long> ancestors = table.ancestors(selfPid);
        Set<Long> pids = new HashSet<>(ancestors);
        pids.add(selfPid);
        Long liveTop = null;
        for (long ancestor : ancestors) {
            if (ancestor <= 1 || !criteria.ours(proc.environ(ancestor, CommandRunner.COOKIE_VARIABLES))) {
                break;
            }
            liveTop = ancestor;
        }
        if (liveTop != null) {
            table.descendants(liveTop).forEach(s -> pids.add(s.pid()));
        }
        for (long excluded : criteria.excludedPids()) {
            pids.add(excluded);
            table.descendants(excluded).forEach(s -> pids.add(s.pid()));
        }
        return pids;
    }

    private Optional<OrphanReport> living(ProcStat stat, ProcessTreeRecorder.Outlived outlived) {
        Map<String, String> env = proc.environ(stat.pid(), CommandRunner.COOKIE_VARIABLES);
        if (criteria.foreign(env)) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        OrphanReport.Reason why = null;
        if (outlived != null) {
            why = OrphanReport.Reason.REPARENTED;
            reasons.add("descends from watched pid " + outlived.watched().pid() + "; its parent pid "
                    + outlived.formerParent().pid() + " exited and it now belongs to pid " + stat.ppid());
        }
        Optional<ProcessInfo> info = proc.process(stat.pid());
        String command = info.map(ProcessInfo::commandLine).orElse("[" + stat.comm() + "]");
        if (criteria.pattern() != null && (!criteria.newOnly() || !before.contains(stat.key()))
                && (criteria.pattern().matcher(command).find() || criteria.pattern().matcher(stat.comm()).find())) {
            why = why == null ? OrphanReport.Reason.PATTERN : why;
            reasons.add("matches /" + criteria.pattern().pattern() + "/" + (criteria.newOnly() ? " and was not there before the run" : ""));
        }
        if (criteria.ours(env)) {
            why = why == null ? OrphanReport.Reason.COOKIE : why;
            reasons.add("carries the run cookie " + cookieText(env));
        }
        return why == null ? Optional.empty()
                : Optional.of(new OrphanReport(stat.pid(), stat.ppid(), command, why, String.join("; ", reasons), false));
    }

    private Optional<OrphanReport> zombie(ProcStat stat, ProcessTable table) {
        if (stat.ppid() == selfPid || criteria.newOnly() && before.contains(stat.key())) {
            return Optional.empty();
        }
        Map<String, String> parentEnv = proc.environ(stat.ppid(), CommandRunner.COOKIE_VARIABLES);
        if (criteria.foreign(parentEnv)) {
            return Optional.empty();
        }
        String parentCommand = proc.process(stat.ppid()).map(ProcessInfo::commandLine).orElse("?");
        boolean watchedParent = recorder != null && table.get(stat.ppid()).map(p -> recorder.seen(p.key())).orElse(false);
        boolean patternParent = criteria.pattern() != null && (criteria.pattern().matcher(parentCommand).find()
                || criteria.pattern().matcher(stat.comm()).find());
        if (!criteria.ours(parentEnv) && !watchedParent && !patternParent) {
            return Optional.empty();
        }
        return Optional.of(new OrphanReport(stat.pid(), stat.ppid(), "[" + stat.comm() + "] <defunct>", OrphanReport.Reason.ZOMBIE,
                "exited but never reaped by its parent pid " + stat.ppid() + " (" + parentCommand + ")", false));
    }

    private List<OrphanReport> withPorts(List<OrphanReport> orphans) {
        if (orphans.isEmpty()) {
            return orphans;
        }
        Map<Long, ListeningSocket> listening = proc.listening();
        List<OrphanReport> out = new ArrayList<>();
        for (OrphanReport o : orphans) {
            List<ListeningSocket> held = o.why() == OrphanReport.Reason.ZOMBIE ? List.of() : proc.listening(o.pid(), listening);
            String ports = held.isEmpty() ? "" : "; still listens on " + held.stream().map(ListeningSocket::endpoint)
                    .collect(Collectors.joining(", "));
            out.add(new OrphanReport(o.pid(), o.ppid(), o.command(), o.why(), o.detail() + ports, o.reaped()));
        }
        return out;
    }

    private static String cookieText(Map<String, String> env) {
        return env.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
