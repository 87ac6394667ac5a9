package io.stressgate.engine.run;

import io.stressgate.engine.chaos.SystemHarness;
import io.stressgate.engine.metrics.WatchedProcesses;
import io.stressgate.engine.scenario.ProcessSelector;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The watched process groups as the sampler sees them: the harness's selection, looked up again (a lookup scans
 * /proc, which costs more than a whole sample) once a second if a process has started anywhere on the machine since
 * the last lookup, so a restarted replica joins its group within a second, and every ten seconds in any case (a
 * process that changes its command line by exec starts no process).
 */
final class WatchedGroups implements WatchedProcesses {
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ALWAYS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final SystemHarness harness;
    private final SystemUnderTest system;
    private volatile Map<String, Set<Long>> cached = Map.of();
    private volatile long refreshedAt;
    private volatile boolean fresh;
    private volatile String lastPid = "";

    WatchedGroups(SystemHarness harness, SystemUnderTest system) {
        this.harness = harness;
        this.system = system;
    }

    @Override
    public Map<String, Set<Long>> current() {
        long now = System.nanoTime();
        if (!fresh || now - refreshedAt > ALWAYS_NANOS || now - refreshedAt > REFRESH_NANOS && processStarted()) {
            cached = harness.watchedRoots();
            refreshedAt = now;
            fresh = true;
        }
        return cached;
    }

    /** Whether the newest pid on the machine changed since the last call; true when the kernel does not say. */
    private boolean processStarted() {
        String newest = newestPid();
        boolean changed = newest.isEmpty() || !newest.equals(lastPid);
        lastPid = newest;
        return changed;
    }

    /** The last field of /proc/loadavg: the pid most recently created (in this pid namespace). */
    private static String newestPid() {
        try {
            String text = Files.readString(LOADAVG).trim();
            return text.substring(text.lastIndexOf(' ') + 1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public boolean includesDescendants(String group) {
        return system.process(group).map(ProcessSelector::tree).orElse(true);
    }
}
