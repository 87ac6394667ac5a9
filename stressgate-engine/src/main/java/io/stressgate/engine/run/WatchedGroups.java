package io.stressgate.engine.run;

import io.stressgate.engine.metrics.WatchedProcesses;
import io.stressgate.engine.scenario.ProcessSelector;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
    private final byte[] lastPid = new byte[32];
    private int lastLength;
    private int newestAt;
    private FileChannel loadavgFile;
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
        int length = newestPid();
        boolean changed = length <= 0 || !Arrays.equals(loadavg, newestAt, newestAt + length, lastPid, 0, lastLength);
        if (length > 0) {
            System.arraycopy(loadavg, newestAt, lastPid, 0, length);
        }
        lastLength = Math.max(0, length);
        return changed;
    }

    /**
     * Reads /proc/loadavg, whose last field is the pid most recently created (in this pid namespace), and returns
     * that field's length (its start is left in {@code newestAt}), or 0 when it cannot be read. Read at every tick,
     * so the file stays open and takes one positioned read into a buffer kept for it (one thread calls this).
     */
    private int newestPid() {
        try {
            if (loadavgFile == null) {
                loadavgFile = FileChannel.open(Path.of(LOADAVG), StandardOpenOption.READ);
            }
            int length = Math.max(0, loadavgFile.read(ByteBuffer.wrap(loadavg), 0));
            while (length > 0 && Character.isWhitespace(loadavg[length - 1])) {
                length--;
            }
            int start = length;
            while (start > 0 && loadavg[start - 1] != ' ') {
                start--;
            }
            newestAt = start;
            return Math.min(length - start, lastPid.length);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            if (loadavgFile != null) {
                loadavgFile.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot close " + LOADAVG, e);
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
