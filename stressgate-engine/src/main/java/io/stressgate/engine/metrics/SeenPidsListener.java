package io.stressgate.engine.metrics;

import java.util.Map;
import java.util.Set;

/**
 * Told, at each resource sample in which a group gained a pid it did not have at the previous sample, which pids
 * each group has, descendants included: the orphan detector learns from it which processes belonged to the run.
 * Called on the sampling thread, so it must return quickly.
 */
@FunctionalInterface
public interface SeenPidsListener {
    SeenPidsListener NONE = seen -> { };

    /** The pids of this tick, by group; the sets are immutable and may be kept. */
    void seen(Map<String, Set<Long>> pidsByGroup);
}
