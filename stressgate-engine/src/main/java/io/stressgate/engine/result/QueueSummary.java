package io.stressgate.engine.result;

import java.util.List;

/**
 * A sampled queue: its kind and key, deepest backlog, depth at the end, how long it took to drain from the end of
 * the submissions (null when it did not drain within the limit), the stretches when Redis could not be reached,
 * whether its key was ever seen (a wrong name or type never is; null in results written before this was recorded),
 * and for Celery the most and the last tasks delivered but not acknowledged ({@code unacked}, null for others).
 */
public record QueueSummary(String type, String key, long maxDepth, long finalDepth, Long drainMs, boolean drained,
                           long samples, List<Gap> gaps, Boolean seen, Long maxUnacked, Long finalUnacked) {
    public QueueSummary {
        gaps = List.copyOf(gaps);
    }

    /** A queue summary without the seen flag or unacked tasks (as results written before them hold). */
    public QueueSummary(String type, String key, long maxDepth, long finalDepth, Long drainMs, boolean drained,
                        long samples, List<Gap> gaps) {
        this(type, key, maxDepth, finalDepth, drainMs, drained, samples, gaps, null, null, null);
    }

    /** False only when the run recorded that the key was never seen. */
    public boolean keySeen() {
        return seen == null || seen;
    }

    /** A stretch (ms from run start) during which the queue could not be sampled, and why. */
    public record Gap(long fromMs, long toMs, String reason) {
    }
}
