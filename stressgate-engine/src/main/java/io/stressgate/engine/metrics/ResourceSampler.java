package io.stressgate.engine.metrics;

import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.SystemSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the machine (CPU, memory, load, swap) and named process groups (CPU in percent of one core summed over
 * the group, resident memory, threads, open fds, descendants, process count) once per tick on its own thread.
 * CPU rates come from the previous tick's readings, kept here per pid and start time. Every member is read each
 * tick; the process tree is walked for new descendants once a second, because reading every thread's children
 * file costs as much as the rest of a sample, and new workers rarely matter within a second. Each group's members
 * are followed over the run ({@link GroupLifetimes}): its count over time, deaths and restarts; and each process
 * counted in a group one by one ({@link MemoryFollowers}): lifetime, peak RSS, OOM kills, the group's RSS growth.
 */
public final class ResourceSampler {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);
    static final List<String> MACHINE_COLUMNS = List.of("cpu_pct", "mem_used_bytes", "mem_avail_bytes", "load1",
            "swap_used_bytes");
    static final List<String> GROUP_STATS = List.of("cpu_pct", "rss_bytes", "threads", "fds", "children", "count");
    private static final int MAX_TREE = 10_000;
    private static final int MAX_PIDS_KEPT = 1_000;

    private final List<String> groups;
    /** Per group, whether its figures include descendants: asked once, as the scenario fixes it for the run. */
    private final boolean[] withDescendants;
    private final WatchedProcesses watched;
    private final ProcessReader processes;
    private final MachineReader machine;
    private final SeenPidsListener listener;
    private final Map<String, Set<Long>> pidsSeen = new LinkedHashMap<>();
    private final Set<String> warned = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, Set<Long>> trees = new HashMap<>();
    private final Map<String, GroupLifetimes> lifetimes = new LinkedHashMap<>();
    private final MemoryFollowers followers;
    private Map<Long, Reading> previous = new HashMap<>();
    /** This tick's readings, cleared rather than made anew each tick so that its table keeps its size. */
    private Map<Long, Reading> readings = new HashMap<>();
    private final Map<Long, Long> members = new HashMap<>();
    private final GroupTotals totals = new GroupTotals();
    private long walkEvery = 1;
    private long sampled;
    private MachineSample previousMachine;
    private volatile long memTotalBytes;
    private SampleTable table;
    private SamplingClock clock;
    private int source;
    private int firstColumn;
    private SamplingLoop loop;

    /** A process reading with the time it was taken, for the next tick's CPU rate. */
    private record Reading(ProcessSample sample, long nanos) {
    }

    /**
     * @param groups    the process groups to watch, in column order (may be empty)
     * @param watched   where the pids of each group come from
     * @param readers   how processes and the machine are read
     * @param machine   whether the machine itself is sampled
     * @param listener  told each tick which pids each group had, descendants included
     */
    public ResourceSampler(List<String> groups, WatchedProcesses watched, ResourceReaders readers, boolean machine,
                           SeenPidsListener listener) {
        this.groups = List.copyOf(groups);
        this.watched = watched;
        this.processes = readers.processes();
        this.machine = machine ? readers.machine() : null;
        this.listener = listener;
        this.groups.forEach(g -> pidsSeen.put(g, new LinkedHashSet<>()));
        this.groups.forEach(g -> lifetimes.put(g, new GroupLifetimes()));
        this.followers = MemoryFollowers.forThisMachine(this.groups);
        this.withDescendants = new boolean[this.groups.size()];
        for (int i = 0; i < withDescendants.length; i++) {
            withDescendants[i] = watched.includesDescendants(this.groups.get(i));
        }
    }

    /** This sampler's columns, without the leading {@code t}. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        if (machine != null) {
            columns.addAll(MACHINE_COLUMNS);
        }
        for (String g : groups) {
            GROUP_STATS.forEach(stat -> columns.add(g + "." + stat));
        }
        return columns;
    }

    /** Starts sampling into {@code table}, whose columns include {@link #columns()} in order. */
    public synchronized void start(SampleTable table, SamplingClock clock) {
        List<String> mine = columns();
        this.table = table;
        this.clock = clock;
        this.source = table.addSource();
        this.firstColumn = mine.isEmpty() ? 0 : table.column(mine.get(0));
        this.walkEvery = Math.max(1, TimeUnit.SECONDS.toNanos(1) / clock.intervalNanos());
        loop = new SamplingLoop("stressgate-resource-sampler", clock, this::sample);
        loop.start();
    }

    public synchronized void stop() {
        if (loop != null) {
            loop.stop();
        }
        processes.close();
        if (machine != null) {
            machine.close();
        }
        watched.close();
    }

    /** The sampling thread's CPU time per wall time, in percent of one core. */
    public double costPercent() {
        return loop == null ? 0 : loop.costPercent();
    }

    long ticks() {
        return loop == null ? 0 : loop.ticks();
    }

    /** {cpu, wall} nanoseconds of the sampling thread so far, to measure cost over a stretch. */
    long[] usage() {
        return loop == null ? new long[2] : new long[] {loop.cpuNanos(), loop.wallNanos()};
    }

    long skippedTicks() {
        return loop == null ? 0 : loop.skippedTicks();
    }

    void sample(long tick, long nanos) {
        int column = firstColumn;
        if (machine != null) {
            sampleMachine(tick, column);
            column += MACHINE_COLUMNS.size();
        }
        if (!groups.isEmpty()) {
            sampleGroups(tick, nanos, column);
        }
        table.done(source, tick);
    }

    private void sampleMachine(long tick, int column) {
        MachineSample now;
        try {
            now = machine.read();
        } catch (RuntimeException e) {
            warnOnce("machine", "cannot read the machine's figures: " + e);
            return;
        }
        double cpu = previousMachine == null ? Double.NaN : now.cpuPercentSince(previousMachine);
        previousMachine = now;
        memTotalBytes = now.memTotalBytes();
        table.put(tick, column, cpu);
        table.put(tick, column + 1, now.memUsedBytes());
        table.put(tick, column + 2, now.memAvailableBytes());
        table.put(tick, column + 3, now.load1());
        table.put(tick, column + 4, now.swapUsedBytes());
    }

    private void sampleGroups(long tick, long nanos, int column) {
        Map<String, Set<Long>> roots = currentGroups();
        Map<Long, Reading> readings = this.readings;
        readings.clear();
        boolean expand = sampled++ % walkEvery == 0;
        boolean gained = false;
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            Set<Long> own = roots.getOrDefault(group, Set.of());
            Set<Long> lastTree = trees.getOrDefault(group, Set.of());
            Set<Long> tree = walk(own, lastTree, expand, readings, nanos);
            gained |= !lastTree.containsAll(tree);
            trees.put(group, tree);
            boolean withDescendants = this.withDescendants[g];
            long descendants = tree.size() - countIn(own, tree);
            Set<Long> counted = withDescendants ? tree : own;
            GroupTotals totals = totals(counted, readings);
            long count = totals.write(table, tick, column, descendants);
            remember(group, counted, readings);
            long atMs = Math.round(clock.secondsOf(tick) * 1000);
            lifetimes.get(group).tick(atMs, members(own, readings), count, (pid, start) -> runs(pid, start, readings));
            followers.follow(group, atMs, counted, pid -> sampleOf(readings.get(pid)), expand ? totals.rss() : -1);
            column += GROUP_STATS.size();
        }
        this.readings = previous;
        previous = readings;
        processes.endTick();
        if (gained) {
            tellListener();
        }
    }

    /** Only ticks in which a group gained a pid: the listener may scan /proc, which costs more than the sample. */
    private void tellListener() {
        Map<String, Set<Long>> seen = new LinkedHashMap<>();
        groups.forEach(g -> seen.put(g, Set.copyOf(trees.get(g))));
        try {
            listener.seen(Collections.unmodifiableMap(seen));
        } catch (RuntimeException e) {
            warnOnce("listener", "the seen-pids listener failed: " + e);
        }
    }

    private static long countIn(Set<Long> own, Set<Long> tree) {
        long n = 0;
        for (Long pid : own) {
            if (tree.contains(pid)) {
                n++;
            }
        }
        return n;
    }

    /** The group's own processes running now, with their start times (one map, refilled for each group). */
    private Map<Long, Long> members(Set<Long> own, Map<Long, Reading> readings) {
        members.clear();
        for (Long pid : own) {
            Reading r = readings.get(pid);
            if (r != null) {
                members.put(pid, r.sample().startTime());
            }
        }
        return members;
    }

    /** Whether a member that left its group's selection still runs: read afresh unless this tick read it. */
    private boolean runs(long pid, long startTime, Map<Long, Reading> readings) {
        Reading r = readings.get(pid);
        ProcessSample now = r != null ? r.sample() : processes.read(pid);
        return now != null && now.startTime() == startTime;
    }

    private GroupTotals totals(Set<Long> members, Map<Long, Reading> readings) {
        GroupTotals totals = this.totals.reset();
        for (Long pid : members) {
            Reading r = readings.get(pid);
            if (r != null) {
                totals.add(r.sample(), cpuPercent(r));
            }
        }
        return totals;
    }

    private static ProcessSample sampleOf(Reading r) {
        return r == null ? null : r.sample();
    }

    /** CPU of one process since the previous tick in percent of one core; NaN for a process new this tick. */
    private double cpuPercent(Reading now) {
        Reading before = previous.get(now.sample().pid());
        if (before == null || before.sample().startTime() != now.sample().startTime() || now.nanos() <= before.nanos()) {
            return Double.NaN;
        }
        long used = now.sample().cpuNanos() - before.sample().cpuNanos();
        return Math.max(0, 100.0 * used / (now.nanos() - before.nanos()));
    }

    /**
     * The group's own pids that still run and their descendants, reading each process once per tick: found afresh
     * when {@code expand}, else the descendants of the last walk that still run.
     */
    private Set<Long> walk(Set<Long> own, Set<Long> lastTree, boolean expand, Map<Long, Reading> readings, long nanos) {
        Set<Long> tree = new LinkedHashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>(own);
        if (!expand) {
            queue.addAll(lastTree);
        }
        while (!queue.isEmpty() && tree.size() < MAX_TREE) {
            Long pid = queue.poll();
            if (tree.contains(pid)) {
                continue;
            }
            Reading r = readings.get(pid);
            if (r == null && (r = read(pid, nanos)) == null) {
                continue;
            }
            readings.put(pid, r);
            tree.add(pid);
            if (expand) {
                processes.children(r.sample(), queue::add);
            }
        }
        return tree;
    }

    private Reading read(long pid, long nanos) {
        try {
            ProcessSample s = processes.read(pid);
            return s == null ? null : new Reading(s, nanos);
        } catch (RuntimeException e) {
            warnOnce("pid " + pid, "cannot read process " + pid + ": " + e);
            return null;
        }
    }

    private Map<String, Set<Long>> currentGroups() {
        try {
            Map<String, Set<Long>> current = watched.current();
            return current == null ? Map.of() : current;
        } catch (RuntimeException e) {
            warnOnce("watched", "cannot learn the watched processes: " + e);
            return Map.of();
        }
    }

    private void remember(String group, Set<Long> members, Map<Long, Reading> readings) {
        Set<Long> kept = pidsSeen.get(group);
        synchronized (kept) {
            for (Long pid : members) {
                if (kept.size() >= MAX_PIDS_KEPT) {
                    return;
                }
                if (readings.containsKey(pid)) {
                    kept.add(pid);
                }
            }
        }
    }

    /** A group's members over the run so far, for live metrics. */
    GroupLifetimes lifetimes(String group) {
        return lifetimes.get(group);
    }

    private Integer exitCode(long pid) {
        try {
            return watched.exitCode(pid).orElse(null);
        } catch (RuntimeException e) {
            warnOnce("exit", "cannot learn how a watched process ended: " + e);
            return null;
        }
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            LOG.warn("{} (further failures of this kind are not logged)", message);
        }
    }

    /** Peaks of each group over the run, from the table's column maxima. */
    public Map<String, ProcessSummary> processSummaries() {
        SampledPeaks peaks = new SampledPeaks(table);
        Map<String, ProcessSummary> all = new LinkedHashMap<>();
        for (String g : groups) {
            List<Long> pids;
            Set<Long> kept = pidsSeen.get(g);
            synchronized (kept) {
                pids = List.copyOf(kept);
            }
            all.put(g, peaks.group(g, pids, lifetimes.get(g), this::exitCode, followers));
        }
        return all;
    }

    /** Peaks of the machine over the run, or null when the machine was not sampled. */
    public SystemSummary systemSummary() {
        return machine == null ? null : new SampledPeaks(table).machine(memTotalBytes);
    }
}
