package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The memory and lifetimes of each watched group's processes (seed 004's "Memory Leak Simulation"): processes seen,
 * restarts, deaths, OOM kills with their source, the growth of the group's RSS with its verdict, and the largest
 * processes; in report.html also a swimlane of the processes' lifetimes and the RSS curve with its fitted slope.
 * Absent from results written before processes were followed one by one.
 */
final class MemorySection {
    static final String ID = "memory";
    private static final int TOP_PIDS = 5;

    private MemorySection() {
    }

    /** The section, or null when no group was followed process by process. */
    static Section of(RunResults r) {
        if (r.processes().values().stream().allMatch(p -> p.pidsSeen() == null)) {
            return null;
        }
        TableBuilder table = new TableBuilder("Process", "Processes seen#", "Restarts#", "Deaths#", "OOM kills",
                "RSS growth (95% interval)", "Verdict", "Increase#", "Largest process#");
        List<String> lines = new ArrayList<>();
        r.processes().forEach((name, p) -> {
            if (p.pidsSeen() == null) {
                return;
            }
            RssGrowth g = p.rssGrowth();
            OomKills oom = p.oomKills();
            table.row(name, Figures.count(p.pidsSeen()), count(p.restarts()), count(p.deaths()),
                    oomKills(oom), g == null || g.bytesPerMinute() == null ? Figures.NONE : growth(g.bytesPerMinute())
                            + " (" + growth(g.lowBytesPerMinute()) + " … " + growth(g.highBytesPerMinute()) + ")",
                    g == null ? Figures.NONE : g.verdict(), g == null || g.increaseBytes() == null ? Figures.NONE
                            : Figures.bytes(g.increaseBytes()),
                    p.rssMaxProcessBytes() == null ? Figures.NONE : Figures.bytes(p.rssMaxProcessBytes()));
            lines.addAll(notes(name, p));
        });
        return lines.isEmpty() ? new Section(ID, "Memory and workers", table.build())
                : new Section(ID, "Memory and workers", table.build(), new Bullets(lines));
    }

    /** How the growth was fitted or why not, the OOM source's detail, and the largest processes. */
    private static List<String> notes(String name, ProcessSummary p) {
        List<String> lines = new ArrayList<>();
        RssGrowth g = p.rssGrowth();
        if (g != null && g.reason() != null) {
            lines.add(name + ": no RSS growth verdict: " + g.reason());
        } else if (g != null) {
            lines.add(name + ": RSS growth " + growth(g.bytesPerMinute()) + " (" + g.method() + ", over "
                    + Figures.offset(g.fromMs()) + " to " + Figures.offset(g.toMs()) + ", " + g.samples()
                    + " samples; noise floor " + growth(g.noiseFloorBytesPerMinute()) + "): " + g.verdict());
        }
        if (p.oomKills() != null) {
            lines.add(name + ": OOM kills from " + p.oomKills().source() + ": " + p.oomKills().detail());
        }
        p.pidList().stream().sorted(Comparator.comparingLong(PidLife::peakRssBytes).reversed()).limit(TOP_PIDS)
                .forEach(l -> lines.add(name + ": pid " + l.pid() + " peak RSS " + Figures.bytes(l.peakRssBytes())
                        + ", seen " + Figures.offset(l.firstSeenMs()) + " to " + Figures.offset(l.lastSeenMs())
                        + (l.running() ? ", running at the end" : ended(l))));
        return lines;
    }

    private static String ended(PidLife l) {
        if (l.signal() != null) {
            return ", killed by signal " + l.signal();
        }
        return l.exitCode() != null ? ", exit code " + l.exitCode() : ", ended";
    }

    /** The count with a short name of its source ("1 (cgroup v1)"); the notes give the files read. */
    private static String oomKills(OomKills oom) {
        if (oom == null) {
            return Figures.NONE;
        }
        if (oom.count() == null) {
            return "unknown (" + oom.source() + ")";
        }
        return Figures.count(oom.count()) + " (" + oom.source().replace(" memory.events", "")
                .replace(" memory.oom_control", "") + ")";
    }

    private static String growth(Double bytesPerMinute) {
        return bytesPerMinute == null ? Figures.NONE : Figures.bytes(Math.round(bytesPerMinute)) + "/min";
    }

    private static String count(Long n) {
        return n == null ? Figures.NONE : Figures.count(n);
    }

    /** The charts of every followed group as inline SVG (no script, no style attribute), after the section. */
    static void appendCharts(StringBuilder body, Section section, RunResults r) {
        if (!section.id().equals(ID)) {
            return;
        }
        StringBuilder svg = new StringBuilder();
        for (Map.Entry<String, ProcessSummary> e : r.processes().entrySet()) {
            if (e.getValue().pidsSeen() != null && !e.getValue().pidList().isEmpty()) {
                MemoryCharts.group(svg, e.getKey(), e.getValue());
            }
        }
        if (!svg.isEmpty()) {
            body.append("<section id=\"memory-charts\">\n<h2>Processes and memory over time</h2>\n").append(svg)
                    .append("</section>\n");
        }
    }
}
