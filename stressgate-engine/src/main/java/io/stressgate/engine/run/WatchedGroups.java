package io.stressgate.engine.run;

import io.stressgate.engine.chaos.SystemHarness;
import io.stressgate.engine.metrics.WatchedProcesses;
import io.stressgate.engine.scenario.ProcessSelector;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The watched process groups as the sampler sees them: the harness's selection, looked up again (a lookup scans
 * /proc, which costs more than a whole sample) when a process has started anywhere on the machine since the last
 * lookup, and every ten seconds in any case (a process that changes its command line by exec starts no process).
 * Lookups are spaced so that they cost at most {@value #BUDGET_PERCENT}% of one core: a second apart when they are
 * cheap, up to ten seconds on a machine with many processes, so a restarted replica joins its group that late.
 * A member that dies is seen at the next sample whatever the spacing: the sampler reads every member each tick.
 */
final class WatchedGroups implements WatchedProcesses {
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ALWAYS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final double BUDGET_PERCENT = 0.2;
    private static final String LOADAVG = "/proc/loadavg";

    private final SystemHarness harness;
    private final SystemUnderTest system;
    private volatile Map<String, Set<Long>> cached = Map.of();
    private volatile long refreshedAt;
    private volatile boolean fresh;
    private volatile String lastPid = "";
    private volatile long gapNanos = REFRESH_NANOS;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final byte[] loadavg = new byte[128];

    WatchedGroups(SystemHarness harness, SystemUnderTest system) {
        this.harness = harness;
        this.system = system;
    }

    @Override
    public Map<String, Set<Long>> current() {
        long now = System.nanoTime();
        if (!fresh || now - refreshedAt > ALWAYS_NANOS || now - refreshedAt > gapNanos && processStarted()) {
            long cpu = cpuNanos();
            cached = harness.watchedRoots();
            refreshedAt = now;
            fresh = true;
            gapNanos = gap(cpuNanos() - cpu);
        }
        return cached;
    }

    /** The time until the next lookup that keeps lookups of this cost within the budget, between 1 and 10 s. */
    private static long gap(long lookupCpuNanos) {
        long affordable = (long) (lookupCpuNanos * 100 / BUDGET_PERCENT);
        return Math.min(ALWAYS_NANOS, Math.max(REFRESH_NANOS, affordable));
    }

    private long cpuNanos() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** Whether the newest pid on the machine changed since the last call; true when the kernel does not say. */
    private boolean processStarted() {
        String newest = newestPid();
        boolean changed = newest.isEmpty() || !newest.equals(lastPid);
        lastPid = newest;
        return changed;
    }

    /**
     * The last field of /proc/loadavg: the pid most recently created (in this pid namespace). Read at every tick, so
     * with one read call into a buffer kept for it (the sampling thread is the only caller).
     */
    private String newestPid() {
        try (InputStream in = new FileInputStream(LOADAVG)) {
            int length = Math.max(0, in.read(loadavg));
            while (length > 0 && Character.isWhitespace(loadavg[length - 1])) {
                length--;
            }
            int start = length;
            while (start > 0 && loadavg[start - 1] != ' ') {
                start--;
            }
            return new String(loadavg, start, length - start, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public java.util.Optional<Integer> exitCode(long pid) {
        return harness.exitCode(pid);
    }

    @Override
    public boolean includesDescendants(String group) {
        return system.process(group).map(ProcessSelector::tree).orElse(true);
    }
}
