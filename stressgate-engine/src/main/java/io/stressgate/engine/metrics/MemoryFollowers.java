package io.stressgate.engine.metrics;

import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Follows each watched group's processes one by one for the resource sampler: each process's lifetime and peak RSS,
 * its cgroup's OOM counter the first time it is seen, and the group's RSS about once a second; at the end, the
 * processes, OOM kills and RSS growth of a group.
 */
final class MemoryFollowers {
    /** What the followers found for one group at the end. */
    record Found(long pidsSeen, List<PidLife> lives, io.stressgate.engine.result.OomKills oomKills, RssGrowth growth) {
    }

    private final Map<String, MemberMemory> memory = new LinkedHashMap<>();
    private final Map<String, OomTally> ooms = new LinkedHashMap<>();
    private final KernelOomLog kernelLog;

    MemoryFollowers(List<String> groups, CgroupOomReader cgroups, double startUptimeSeconds, KernelOomLog kernelLog) {
        this.kernelLog = kernelLog;
        groups.forEach(g -> memory.put(g, new MemberMemory()));
        groups.forEach(g -> ooms.put(g, new OomTally(cgroups, startUptimeSeconds)));
    }

    static MemoryFollowers forThisMachine(List<String> groups) {
        return new MemoryFollowers(groups, CgroupOomReader.forThisMachine(), OomTally.uptimeSeconds(Path.of("/proc")),
                KernelOomLog.forThisMachine());
    }

    /**
     * One tick of a group: {@code counted} are the processes in its figures, read as {@code sample} says (null for
     * one not read); {@code groupRss} is not negative when the curve takes a point (about once a second).
     */
    void follow(String group, long atMs, Set<Long> counted, LongFunction<ProcessSample> sample, long groupRss) {
        MemberMemory m = memory.get(group);
        OomTally oom = ooms.get(group);
        for (Long pid : counted) {
            ProcessSample s = sample.apply(pid);
            if (s != null) {
                m.saw(atMs, pid, s.startTime(), s.rssBytes());
                oom.saw(pid);
            }
        }
        m.tickDone(atMs);
        if (groupRss >= 0) {
            m.groupRss(atMs, groupRss);
        }
    }

    /** A group's processes, with how those that ended ended as {@code deaths} say, its OOM kills and RSS growth. */
    Found found(String group, List<ProcessSummary.Death> deaths) {
        MemberMemory m = memory.get(group);
        List<PidLife> lives = m.lives(deaths);
        return new Found(m.pidsSeen(), lives, ooms.get(group).result(lives, kernelLog), RssGrowthFit.fit(m.curve()));
    }
}
