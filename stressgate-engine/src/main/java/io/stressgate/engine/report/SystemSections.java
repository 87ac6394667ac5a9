package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.result.SystemSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sections about the system under test: services, process groups (peaks, count over time, deaths, restarts),
 * machine peaks, queues, the chaos timeline, orphans and leaks. Each appears only when the results hold it.
 */
final class SystemSections {
    private static final int MAX_ITEMS = 5;
    private static final int MAX_LIFETIMES = 10;

    private SystemSections() {
    }

    static List<Section> all(RunResults r) {
        List<Section> sections = new ArrayList<>();
        if (!r.services().isEmpty()) {
            sections.add(services(r.services()));
        }
        if (!r.processes().isEmpty()) {
            sections.add(processes(r.processes()));
        }
        java.util.Optional.ofNullable(MemorySection.of(r)).ifPresent(sections::add);
        if (r.system() != null) {
            sections.add(system(r.system()));
        }
        if (!r.queues().isEmpty()) {
            sections.add(queues(r.queues()));
        }
        if (!r.chaos().isEmpty()) {
            sections.add(chaos(r.chaos()));
        }
        if (!r.orphans().isEmpty()) {
            sections.add(orphans(r.orphans()));
        }
        if (r.leaks() != null) {
            sections.add(leaks(r.leaks()));
        }
        return sections;
    }

    static Section services(List<ServiceReport> services) {
        TableBuilder table = new TableBuilder("Service", "Replicas#", "PIDs", "Restarts#", "Ready after#", "Stopped cleanly",
                "Message");
        for (ServiceReport s : services) {
            String pids = s.replicas().stream().map(r -> Long.toString(r.pid())).collect(Collectors.joining(", "));
            int restarts = s.replicas().stream().mapToInt(ServiceReport.Replica::restarts).sum();
            table.row(s.name(), Integer.toString(s.replicas().size()), pids, Integer.toString(restarts),
                    s.readyAfterMs() == null ? "never ready" : Figures.ms(s.readyAfterMs()), s.stoppedCleanly() ? "yes" : "no",
                    s.message());
        }
        return new Section("services", "Services", table.build());
    }

    static Section processes(Map<String, ProcessSummary> processes) {
        TableBuilder table = new TableBuilder("Process", "PIDs", "RSS max#", "CPU max#", "Threads max#", "FDs max#",
                "Children max#", "Processes max#", "Processes min#", "Processes at end#", "Deaths#", "Restarts#");
        List<String> lifetimes = new ArrayList<>();
        processes.forEach((name, p) -> {
            table.row(name, p.pids().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    Figures.bytes(p.rssMaxBytes()), Figures.percent(p.cpuMaxPercent()), Figures.count(p.threadsMax()),
                    Figures.count(p.fdsMax()), Figures.count(p.childrenMax()), Figures.count(p.countMax()),
                    count(p.countMin()), count(p.countEnd()), count(p.deaths()), count(p.restarts()));
            lifetimes.addAll(lifetimes(name, p));
        });
        return lifetimes.isEmpty() ? new Section("processes", "Processes", table.build())
                : new Section("processes", "Processes", table.build(), new Bullets(lifetimes));
    }

    /** The count over time when it changed after the start, then each death and restart (the first few of each). */
    private static List<String> lifetimes(String name, ProcessSummary p) {
        List<String> lines = new ArrayList<>();
        if (p.countSeries().size() > 1) {
            lines.add(name + ": processes over time: " + firstFew(p.countSeries().stream()
                    .map(c -> c.count() + " from " + Figures.offset(c.atMs())).toList(), p.countSeries().size()));
        }
        p.deathList().stream().limit(MAX_LIFETIMES).forEach(d -> lines.add(name + ": pid " + d.pid() + " ended by "
                + Figures.offset(d.atMs()) + ", " + how(d)));
        if (p.deaths() != null && p.deaths() > MAX_LIFETIMES) {
            lines.add(name + ": and " + Figures.count(p.deaths() - MAX_LIFETIMES) + " more deaths");
        }
        p.restartList().stream().limit(MAX_LIFETIMES).forEach(r -> lines.add(name + ": pid " + r.pid()
                + " started by " + Figures.offset(r.atMs()) + " in place of pid " + r.replaced()));
        if (p.restarts() != null && p.restarts() > MAX_LIFETIMES) {
            lines.add(name + ": and " + Figures.count(p.restarts() - MAX_LIFETIMES) + " more restarts");
        }
        return lines;
    }

    /** A count, or "—" in results written before it was recorded. */
    private static String count(Long n) {
        return n == null ? Figures.NONE : Figures.count(n);
    }

    private static String how(ProcessSummary.Death d) {
        if (d.signal() != null) {
            return "killed by signal " + d.signal() + " (exit code " + d.exitCode() + ")";
        }
        return d.exitCode() != null ? "exit code " + d.exitCode()
                : "exit status unknown (not started by the tool: only its disappearance is seen)";
    }

    private static String firstFew(List<String> items, int total) {
        List<String> shown = items.subList(0, Math.min(MAX_LIFETIMES, items.size()));
        return String.join(", ", shown) + (total > shown.size() ? " and " + (total - shown.size()) + " more changes" : "");
    }

    static Section system(SystemSummary s) {
        return new Section("system", "System peaks", new Facts(List.of(
                new Fact("Memory max", Figures.bytes(s.memoryMaxBytes()) + " of " + Figures.bytes(s.memoryTotalBytes())),
                new Fact("CPU max", Figures.percent(s.cpuMaxPercent())),
                new Fact("Load average max", Figures.number(s.loadMax())),
                new Fact("Swap max", Figures.bytes(s.swapMaxBytes())))));
    }

    static Section queues(Map<String, QueueSummary> queues) {
        TableBuilder table = new TableBuilder("Queue", "Type", "Key", "Max depth#", "Final depth#", "Unacked max / final",
                "Drain");
        List<String> gaps = new ArrayList<>();
        queues.forEach((name, q) -> {
            table.row(name, q.type(), q.key(), Figures.count(q.maxDepth()), Figures.count(q.finalDepth()), unacked(q),
                    drain(q));
            for (QueueSummary.Gap gap : q.gaps()) {
                gaps.add(name + ": Redis unreachable from " + Figures.offset(gap.fromMs()) + " to " + Figures.offset(gap.toMs())
                        + " (" + gap.reason() + ")");
            }
        });
        return gaps.isEmpty() ? new Section("queues", "Queues", table.build())
                : new Section("queues", "Queues", table.build(), new Bullets(gaps));
    }

    private static String unacked(QueueSummary q) {
        return q.maxUnacked() == null ? Figures.NONE
                : Figures.count(q.maxUnacked()) + " / " + Figures.count(q.finalUnacked() == null ? 0 : q.finalUnacked());
    }

    /** A queue never sampled or never seen has no drain time: its zeros were never measured. */
    private static String drain(QueueSummary q) {
        if (q.samples() == 0) {
            return "never sampled";
        }
        if (!q.keySeen()) {
            return "key never seen (wrong name or type?)";
        }
        if (q.drained() && q.drainMs() != null) {
            return "drained in " + Figures.ms(q.drainMs());
        }
        return q.finalUnacked() != null && q.finalUnacked() > 0 && q.finalDepth() == 0
                ? "did not drain: " + Figures.count(q.finalUnacked()) + " unacked" : "did not drain";
    }

    static Section chaos(List<ChaosEvent> events) {
        TableBuilder table = new TableBuilder("At#", "Name", "Action", "Trigger", "Signal", "Targets", "Outcome",
                "Recovered after#", "Restored after#", "Message");
        for (ChaosEvent e : events) {
            String targets = e.targets().stream().map(t -> t.pid() + " (" + t.command() + ")")
                    .collect(Collectors.joining(", "));
            table.row(Figures.offset(e.atMs()), e.name(), e.action(), e.trigger(), e.signal(), targets,
                    String.valueOf(e.outcome()), recovered(e), Figures.ms(e.restoredAfterMs()), e.message());
        }
        return new Section("chaos", "Chaos timeline", table.build());
    }

    private static String recovered(ChaosEvent e) {
        if (e.recoveredAfterMs() != null) {
            return Figures.ms(e.recoveredAfterMs());
        }
        String text = e.recoveryText();
        return text == null ? Figures.NONE : text;
    }

    static Section orphans(List<OrphanReport> orphans) {
        TableBuilder table = new TableBuilder("PID#", "Parent#", "Command", "Why", "Detail", "Reaped");
        for (OrphanReport o : orphans) {
            table.row(Long.toString(o.pid()), Long.toString(o.ppid()), o.command(), String.valueOf(o.why()), o.detail(),
                    o.reaped() ? "yes" : "no");
        }
        return new Section("orphans", "Orphans", table.build());
    }

    static Section leaks(LeakReport leaks) {
        Facts counts = new Facts(List.of(new Fact("File descriptors", "+" + leaks.fds()),
                new Fact("Listening ports", "+" + leaks.ports()), new Fact("Zombies", Integer.toString(leaks.zombies()))));
        if (leaks.details().isEmpty()) {
            return new Section("leaks", "Leaks", counts);
        }
        TableBuilder table = new TableBuilder("Process", "PID#", "Kind", "Before#", "After#", "Items");
        for (LeakReport.Detail d : leaks.details()) {
            List<String> items = d.items().subList(0, Math.min(MAX_ITEMS, d.items().size()));
            String more = items.size() < d.items().size() ? " and " + (d.items().size() - items.size()) + " more" : "";
            table.row(d.process(), Long.toString(d.pid()), d.kind(), Figures.count(d.before()), Figures.count(d.after()),
                    String.join(", ", items) + more);
        }
        return new Section("leaks", "Leaks", counts, table.build());
    }
}
