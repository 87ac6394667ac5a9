package io.stressgate.engine.metrics;

import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.scenario.QueueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one queue did over the run: deepest and last depth (and unacked tasks for Celery), whether its key was ever
 * seen, the stretches it could not be sampled (gaps), and its drain time: from the end of the submissions that
 * fill it until it is empty (nothing waiting and, for Celery, nothing unacked) and stays empty to the last sample.
 * A queue that is not empty within its drain timeout after the load ended did not drain, even if it empties later.
 * Written by the queue sampler's thread, read by others.
 */
final class QueueTracker {
    /** Gaps kept per queue; later ones merge into the last so a flapping Redis cannot grow memory. */
    static final int MAX_GAPS = 1_000;
    /** How long a queue must stay empty before the wait for it ends: a worker between two fetches is not a drain. */
    static final long HOLD_MS = 1_000;

    private final QueueSpec spec;
    private final long drainTimeoutMs;
    private final List<QueueSummary.Gap> gaps = new ArrayList<>();
    private long samples;
    private long maxDepth;
    private long finalDepth;
    private long maxUnacked = -1;
    private long finalUnacked = -1;
    private boolean seen;
    private long gapFrom = -1;
    private long gapTo;
    private String gapReason;
    private long mergedGaps;
    private long loadEndMs = -1;
    private long drainFromMs = -1;
    private long emptySinceMs = -1;

    QueueTracker(QueueSpec spec, Duration drainTimeout) {
        this.spec = spec;
        this.drainTimeoutMs = drainTimeout.toMillis();
    }

    QueueSpec spec() {
        return spec;
    }

    /** A sample without unacked tasks (every layout but Celery's). */
    synchronized void sampled(long ms, long depth) {
        sampled(ms, depth, -1);
    }

    /** A sample; {@code unacked} is -1 for layouts that have none. */
    synchronized void sampled(long ms, long depth, long unacked) {
        closeGap(ms);
        samples++;
        maxDepth = Math.max(maxDepth, depth);
        finalDepth = depth;
        if (unacked >= 0) {
            maxUnacked = Math.max(maxUnacked, unacked);
            finalUnacked = unacked;
        }
        boolean empty = depth == 0 && unacked <= 0;
        if (!empty) {
            emptySinceMs = -1;
        } else if (emptySinceMs < 0) {
            emptySinceMs = ms;
        }
    }

    /** The queue's key (or a key its library keeps beside it) exists: the name and type point at a real queue. */
    synchronized void seen() {
        seen = true;
    }

    synchronized boolean wasSeen() {
        return seen;
    }

    synchronized void failed(long ms, String reason) {
        if (gapFrom < 0) {
            gapFrom = ms;
            gapReason = reason;
        }
        gapTo = ms;
    }

    /** The load ended at {@code ms}; its submissions ended at {@code submissionsEndMs}, where drain time counts from. */
    synchronized void loadEnded(long ms, long submissionsEndMs) {
        if (loadEndMs < 0) {
            loadEndMs = ms;
            drainFromMs = Math.min(ms, submissionsEndMs);
        }
    }

    synchronized void loadEnded(long ms) {
        loadEnded(ms, ms);
    }

    /**
     * True once the load ended and the queue has stayed empty for {@link #HOLD_MS}, ran out of drain time, or its
     * Redis was never reached (no sample, only failures: there is nothing to wait for).
     */
    synchronized boolean settled(long nowMs) {
        if (loadEndMs < 0) {
            return false;
        }
        boolean neverReached = samples == 0 && (gapFrom >= 0 || !gaps.isEmpty());
        return neverReached || nowMs - loadEndMs > drainTimeoutMs || emptySinceMs >= 0 && nowMs - emptySinceMs >= HOLD_MS;
    }

    /**
     * Milliseconds from the end of the submissions to the start of the empty stretch that lasts to the last sample,
     * or null: not empty now, empty only after its drain timeout, never seen, or the load has not ended.
     */
    synchronized Long drainMs() {
        if (loadEndMs < 0 || emptySinceMs < 0 || !seen || emptySinceMs - loadEndMs > drainTimeoutMs) {
            return null;
        }
        return Math.max(0, emptySinceMs - drainFromMs);
    }

    synchronized QueueSummary summary() {
        List<QueueSummary.Gap> all = new ArrayList<>(gaps);
        if (gapFrom >= 0) {
            all.add(gap(gapFrom, gapTo, gapReason));
        }
        Long drain = drainMs();
        return new QueueSummary(spec.type().name().toLowerCase(Locale.ROOT), spec.key(), maxDepth, finalDepth, drain,
                drain != null, samples, all, seen, maxUnacked < 0 ? null : maxUnacked,
                finalUnacked < 0 ? null : finalUnacked);
    }

    private void closeGap(long ms) {
        if (gapFrom < 0) {
            return;
        }
        if (gaps.size() < MAX_GAPS) {
            gaps.add(gap(gapFrom, ms, gapReason));
        } else {
            QueueSummary.Gap last = gaps.remove(gaps.size() - 1);
            mergedGaps++;
            gaps.add(new QueueSummary.Gap(last.fromMs(), ms, "unreachable " + (mergedGaps + 1)
                    + " times in this stretch (too many gaps to list); last: " + gapReason));
        }
        gapFrom = -1;
    }

    private static QueueSummary.Gap gap(long from, long to, String reason) {
        return new QueueSummary.Gap(from, to, reason);
    }
}
