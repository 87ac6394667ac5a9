package io.stressgate.engine.metrics;

import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.scenario.QueueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one queue did over the run: deepest and last depth, the stretches it could not be sampled (gaps), and how
 * long after the load ended it first stood empty. A queue that is not empty within its drain timeout did not
 * drain, even if it empties later. Written by the queue sampler's thread, read by others.
 */
final class QueueTracker {
    /** Gaps kept per queue; later ones merge into the last so a flapping Redis cannot grow memory. */
    static final int MAX_GAPS = 1_000;

    private final QueueSpec spec;
    private final long drainTimeoutMs;
    private final List<QueueSummary.Gap> gaps = new ArrayList<>();
    private long samples;
    private long maxDepth;
    private long finalDepth;
    private long gapFrom = -1;
    private long gapTo;
    private String gapReason;
    private long mergedGaps;
    private long loadEndMs = -1;
    private Long drainMs;

    QueueTracker(QueueSpec spec, Duration drainTimeout) {
        this.spec = spec;
        this.drainTimeoutMs = drainTimeout.toMillis();
    }

    QueueSpec spec() {
        return spec;
    }

    synchronized void sampled(long ms, long depth) {
        closeGap(ms);
        samples++;
        maxDepth = Math.max(maxDepth, depth);
        finalDepth = depth;
        if (loadEndMs >= 0 && drainMs == null && depth == 0 && ms >= loadEndMs && ms - loadEndMs <= drainTimeoutMs) {
            drainMs = ms - loadEndMs;
        }
    }

    synchronized void failed(long ms, String reason) {
        if (gapFrom < 0) {
            gapFrom = ms;
            gapReason = reason;
        }
        gapTo = ms;
    }

    synchronized void loadEnded(long ms) {
        if (loadEndMs < 0) {
            loadEndMs = ms;
        }
    }

    /** True once the load ended and the queue either drained or ran out of drain time. */
    synchronized boolean settled(long nowMs) {
        return loadEndMs >= 0 && (drainMs != null || nowMs - loadEndMs > drainTimeoutMs);
    }

    /** Milliseconds from the load's end to the first empty sample, or null (not yet, or not within the limit). */
    synchronized Long drainMs() {
        return drainMs;
    }

    synchronized QueueSummary summary() {
        List<QueueSummary.Gap> all = new ArrayList<>(gaps);
        if (gapFrom >= 0) {
            all.add(gap(gapFrom, gapTo, gapReason));
        }
        return new QueueSummary(spec.type().name().toLowerCase(Locale.ROOT), spec.key(), maxDepth, finalDepth, drainMs,
                drainMs != null, samples, all);
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
