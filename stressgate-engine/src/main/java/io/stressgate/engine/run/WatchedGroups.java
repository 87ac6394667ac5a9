package io.stressgate.engine.run;

import io.stressgate.engine.chaos.SystemHarness;
import io.stressgate.engine.metrics.WatchedProcesses;
import io.stressgate.engine.scenario.ProcessSelector;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The watched process groups as the sampler sees them: the harness's selection, looked up at most once a second
 * (a lookup scans /proc), so a restarted replica joins its group within a second.
 */
final class WatchedGroups implements WatchedProcesses {
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SystemHarness harness;
    private final SystemUnderTest system;
    private volatile Map<String, Set<Long>> cached = Map.of();
    private volatile long refreshedAt;
    private volatile boolean fresh;

    WatchedGroups(SystemHarness harness, SystemUnderTest system) {
        this.harness = harness;
        this.system = system;
    }

    @Override
    public Map<String, Set<Long>> current() {
        long now = System.nanoTime();
        if (!fresh || now - refreshedAt > REFRESH_NANOS) {
            cached = harness.watchedRoots();
            refreshedAt = now;
            fresh = true;
        }
        return cached;
    }

    @Override
    public boolean includesDescendants(String group) {
        return system.process(group).map(ProcessSelector::tree).orElse(true);
    }
}
