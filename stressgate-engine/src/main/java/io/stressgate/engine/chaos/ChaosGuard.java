package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcStat;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessTable;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the safety rules to a chaos action before anything is sent: the kill switch, the pid range, the tool and
 * its ancestors, the tool's process group, other users' processes, PID reuse, zero matches and too many matches.
 * Any one broken rule refuses the whole action. Which matches an action hits is the {@link CandidatePicker}'s
 * choice; every rule applies to what it chose.
 */
public final class ChaosGuard {
    private final ProcFs proc;
    private final KillSwitch killSwitch;
    private final long selfPid;
    private final int selfUid;
    private final CandidatePicker picker;

    public ChaosGuard(ProcFs proc, KillSwitch killSwitch, long selfPid, int selfUid, CandidatePicker picker) {
        this.proc = proc;
        this.killSwitch = killSwitch;
        this.selfPid = selfPid;
        this.selfUid = selfUid;
        this.picker = picker;
    }

    /** A guard whose random pick is seeded by the system and whose busy pick watches {@link CandidatePicker#BUSY_WINDOW}. */
    public ChaosGuard(ProcFs proc, KillSwitch killSwitch, long selfPid, int selfUid) {
        this(proc, killSwitch, selfPid, selfUid, new CandidatePicker(proc, new java.util.Random(), CandidatePicker.BUSY_WINDOW));
    }

    /**
     * What a signal action will reach: the chosen matches, every process the scope adds (group members,
     * descendants), the process groups to signal as one, and the other users' processes the override let through.
     */
    public record Plan(List<ProcessInfo> chosen, List<ProcessInfo> reached, List<Long> groups, List<String> overrides) {
        public Plan {
            chosen = List.copyOf(chosen);
            reached = List.copyOf(reached);
            groups = List.copyOf(groups);
            overrides = List.copyOf(overrides);
        }
    }

    /** Refuses when the kill switch is on. */
    public void checkSwitch() throws ChaosRefusal {
        Optional<String> off = killSwitch.engaged();
        if (off.isPresent()) {
            throw new ChaosRefusal(SafetyRule.KILL_SWITCH, off.get());
        }
    }

    /**
     * Checks a kill or pause; returns what it may reach, or refuses naming the rule. The rules on counts apply to the
     * candidates the order's choice makes of the matches ({@code max} counts candidates), the rules on identity to
     * the candidates picked, checked after the pick (a busy pick takes a moment).
     */
    public Plan check(Selection selection, ChaosOrder order) throws ChaosRefusal, InterruptedException {
        checkSwitch();
        for (long pid : selection.requestedPids()) {
            checkRange(pid, "pid");
        }
        List<ProcessInfo> matches = selection.matches();
        if (matches.isEmpty()) {
            throw new ChaosRefusal(SafetyRule.NO_MATCH, "no process matches " + selection.description());
        }
        TargetChoice choice = order.choice();
        List<ProcessInfo> candidates = picker.candidates(matches, choice.among(), proc.table());
        String what = choice.among() == TargetChoice.Among.MATCHES ? "processes match " + selection.description()
                : "candidates (" + TargetChoice.name(choice.among()) + " of the " + matches.size() + " processes matching "
                + selection.description() + ")";
        if (candidates.isEmpty()) {
            throw new ChaosRefusal(SafetyRule.NO_MATCH, "no " + TargetChoice.name(choice.among()) + " among the " + matches.size()
                    + " processes matching " + selection.description() + " (pids " + pids(matches) + ")");
        }
        if (candidates.size() > order.max()) {
            throw new ChaosRefusal(SafetyRule.TOO_MANY, candidates.size() + " " + what + ", more than max " + order.max()
                    + " (pids " + pids(candidates) + "); raise max to allow them");
        }
        List<ProcessInfo> chosen = picker.pick(candidates, choice.pick(), order.count());
        ProcessTable table = proc.table();
        Set<Long> ancestors = Set.copyOf(table.ancestors(selfPid));
        for (ProcessInfo p : chosen) {
            checkIdentity(p, table, ancestors);
        }
        Map<Long, ProcessInfo> reached = new LinkedHashMap<>();
        List<Long> groups = new ArrayList<>();
        chosen.forEach(p -> reached.put(p.pid(), p));
        if (order.scope() == ChaosSpec.Scope.GROUP) {
            addGroups(chosen, table, reached, groups);
        } else if (order.scope() == ChaosSpec.Scope.TREE) {
            for (ProcessInfo p : chosen) {
                table.descendants(p.pid()).forEach(d -> proc.process(d.pid()).ifPresent(i -> reached.putIfAbsent(i.pid(), i)));
            }
        }
        for (ProcessInfo p : reached.values()) {
            checkRange(p.pid(), "pid");
            checkNotUs(p, ancestors);
        }
        return new Plan(chosen, List.copyOf(reached.values()), groups, otherUsers(reached.values(), order));
    }

    private void addGroups(List<ProcessInfo> chosen, ProcessTable table, Map<Long, ProcessInfo> reached, List<Long> groups)
            throws ChaosRefusal {
        long ownGroup = table.get(selfPid).map(ProcStat::pgid).orElse(-1L);
        for (ProcessInfo p : chosen) {
            long pgid = p.stat().pgid();
            checkRange(pgid, "process group");
            if (pgid == ownGroup) {
                throw new ChaosRefusal(SafetyRule.OWN_GROUP, "process group " + pgid + " of pid " + p.pid()
                        + " is the tool's own process group; signalling it would hit the tool");
            }
            if (!groups.contains(pgid)) {
                groups.add(pgid);
                for (ProcStat member : table.group(pgid)) {
                    proc.process(member.pid()).ifPresent(i -> reached.putIfAbsent(i.pid(), i));
                }
            }
        }
    }

    private static void checkRange(long pid, String what) throws ChaosRefusal {
        if (pid <= 1) {
            throw new ChaosRefusal(SafetyRule.PID_RANGE, what + " " + pid + " may not be signalled: 1 is init, 0 means the"
                    + " sender's own process group, -1 every process, and other negative numbers a whole process group");
        }
    }

    private void checkIdentity(ProcessInfo p, ProcessTable table, Set<Long> ancestors) throws ChaosRefusal {
        checkRange(p.pid(), "pid");
        checkNotUs(p, ancestors);
        Optional<ProcStat> now = table.get(p.pid());
        if (now.isEmpty()) {
            throw new ChaosRefusal(SafetyRule.TARGET_GONE, "pid " + p.pid() + " (" + p.commandLine() + ") exited after it was selected");
        }
        if (now.get().startTicks() != p.stat().startTicks()) {
            throw new ChaosRefusal(SafetyRule.PID_REUSED, "pid " + p.pid() + " was selected with start time "
                    + p.stat().startTicks() + " but now has start time " + now.get().startTicks()
                    + ": the pid belongs to another process");
        }
    }

    private void checkNotUs(ProcessInfo p, Set<Long> ancestors) throws ChaosRefusal {
        if (p.pid() == selfPid) {
            throw new ChaosRefusal(SafetyRule.SELF, "pid " + p.pid() + " is the tool itself");
        }
        if (ancestors.contains(p.pid())) {
            throw new ChaosRefusal(SafetyRule.ANCESTOR, "pid " + p.pid() + " (" + p.commandLine() + ") is an ancestor of the"
                    + " tool (its parent, the agent or a shell that started it)");
        }
    }

    private List<String> otherUsers(java.util.Collection<ProcessInfo> reached, ChaosOrder order) throws ChaosRefusal {
        List<ProcessInfo> others = reached.stream().filter(p -> p.uid() != selfUid).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        String list = others.stream().map(p -> "pid " + p.pid() + " of uid " + p.uid()).collect(Collectors.joining(", "));
        if (!order.allowOtherUsers()) {
            throw new ChaosRefusal(SafetyRule.OTHER_USER, list + " not owned by uid " + selfUid + " that runs the tool"
                    + " (the override --allow-other-users / allowOtherUsers: true is audited)");
        }
        return others.stream().map(p -> "pid " + p.pid() + " of uid " + p.uid()).toList();
    }

    private static String pids(List<ProcessInfo> processes) {
        return processes.stream().limit(20).map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))
                + (processes.size() > 20 ? ", ..." : "");
    }
}
