package io.stressgate.engine.result;

import java.util.List;

/**
 * A sampled queue: its kind and key, deepest backlog, depth at the end, how long it took to drain after the load
 * ended (null when it did not drain within the limit), and the stretches when Redis could not be reached.
 */
public record QueueSummary(String type, String key, long maxDepth, long finalDepth, Long drainMs, boolean drained,
                           long samples, List<Gap> gaps) {
    public QueueSummary {
        gaps = List.copyOf(gaps);
    }

    /** A stretch (ms from run start) during which the queue could not be sampled, and why. */
    public record Gap(long fromMs, long toMs, String reason) {
    }
}
