package io.stressgate.server.web;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an API token): {@code perSecond} requests on average with bursts of {@code burst}; a key
 * over its rate is told how many seconds to wait, and other keys are not affected. Buckets idle for a minute are
 * dropped, so the map stays as small as the set of active keys.
 */
final class RateLimiter {
    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_AT = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate " + perSecond + "/s with burst " + burst + " allows nothing");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the key's bucket: 0 when allowed, else the whole seconds to wait before the next one. */
    long acquire(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_AT) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) / 1e9 * perSecond);
            bucket.last = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    private void sweep(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().last > IDLE_NANOS) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
