package io.stressgate.engine.metrics;

import io.stressgate.engine.result.OomKills;
import io.stressgate.engine.result.PidLife;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts one watched group's OOM kills: the memory cgroup of each new process is looked up once, and its
 * {@code oom_kill} counter kept as it read then; at the end the growth of every counter is the count. Where no
 * counter could be read, the processes that ended are matched with the kernel log's OOM kills since the run began.
 */
final class OomTally {
    private static final int MAX_LOOKED_UP = 10_000;

    private final CgroupOomReader cgroups;
    private final Map<Path, Long> baselines = new LinkedHashMap<>();
    private final Map<Path, String> sources = new LinkedHashMap<>();
    private final Set<Long> lookedUp = new HashSet<>();
    private final double startUptimeSeconds;
    private long unreadable;

    /** @param startUptimeSeconds the machine's uptime when the run began: older kernel-log lines are not this run's */
    OomTally(CgroupOomReader cgroups, double startUptimeSeconds) {
        this.cgroups = cgroups;
        this.startUptimeSeconds = startUptimeSeconds;
    }

    /** The seconds since boot as {@code /proc/uptime} says, or 0 when it cannot be read (every log line counts). */
    static double uptimeSeconds(Path proc) {
        try {
            String[] f = Files.readString(proc.resolve("uptime"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return Double.parseDouble(f[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process of the group was read: the first time, its cgroup's counter is found and its value kept. */
    synchronized void saw(long pid) {
        if (lookedUp.size() >= MAX_LOOKED_UP || !lookedUp.add(pid)) {
            return;
        }
        var counter = cgroups.counterOf(pid);
        if (counter.isEmpty()) {
            unreadable++;
            return;
        }
        Path file = counter.get().file();
        if (!baselines.containsKey(file)) {
            OptionalLong now = cgroups.read(file);
            if (now.isPresent()) {
                baselines.put(file, now.getAsLong());
                sources.put(file, counter.get().source());
            }
        }
    }

    /** The OOM kills of the run; {@code lives} are the group's processes, {@code log} read only when needed. */
    synchronized OomKills result(List<PidLife> lives, KernelOomLog log) {
        long count = 0;
        List<String> read = new java.util.ArrayList<>();
        for (Map.Entry<Path, Long> b : baselines.entrySet()) {
            OptionalLong now = cgroups.read(b.getKey());
            if (now.isPresent()) {
                count += Math.max(0, now.getAsLong() - b.getValue());
                read.add(b.getKey().toString());
            }
        }
        if (!read.isEmpty()) {
            String source = baselines.keySet().stream().filter(f -> read.contains(f.toString())).map(sources::get)
                    .distinct().collect(Collectors.joining(", "));
            return new OomKills(count, source, "oom_kill grew by " + count + " in " + String.join(", ", read));
        }
        String why = baselines.isEmpty() ? "no memory cgroup counter readable for "
                + (unreadable == 0 ? "any process (none was seen)" : unreadable + " process(es)")
                : "the memory cgroup counters could no longer be read at the end";
        List<Long> ended = lives.stream().filter(l -> !l.running()).map(PidLife::pid).toList();
        if (ended.isEmpty()) {
            return new OomKills(0L, OomKills.NO_DEATH, why + "; no process of the group ended, so none was OOM-killed");
        }
        KernelOomLog.Reading reading = log.killedSince(startUptimeSeconds);
        if (reading.error() != null) {
            return OomKills.unknown(why + "; the kernel log: " + reading.error());
        }
        long matched = ended.stream().filter(reading.killed()::contains).count();
        return new OomKills(matched, OomKills.KERNEL_LOG, why + "; " + matched + " of the " + ended.size()
                + " processes that ended are OOM kills in the kernel log");
    }
}
