package io.stressgate.engine.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The processes the run watches, by group name: the pids a group's selector matches right now. The resource sampler
 * asks once per tick, so implementations answer from what they already know rather than scanning the machine.
 */
public interface WatchedProcesses {
    /**
     * The pids each group's selector matches now, without expanding descendants (the sampler walks the tree and
     * counts what lies below as children); a group missing from the map has no process.
     */
    Map<String, Set<Long>> current();

    /** Whether a group's figures include the descendants of its pids (a selector with {@code tree}). */
    default boolean includesDescendants(String group) {
        return true;
    }

    /**
     * The exit code of a process that ended, as the JVM reported it (128 + N for death by signal N), when the tool
     * started it; empty when not known (a process the tool did not start is only seen to disappear).
     */
    default Optional<Integer> exitCode(long pid) {
        return Optional.empty();
    }

    /** Releases what the lookup keeps open between ticks; called once the sampler has stopped. */
    default void close() {
    }
}
