package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * A Redis queue to sample: a plain list ({@code LLEN}), an RQ queue (with its started/failed/finished registries),
 * a Celery queue (with its priority sub-queues and unacked tasks) or a stream (length and pending entries of
 * {@code group}). {@code drainTimeout} bounds the wait for it to empty after the load ends.
 */
public record QueueSpec(String name, String redisUrl, Type type, String key, String group, Duration drainTimeout,
                        Location location) {
    /** Which queueing library's layout the key follows. */
    public enum Type { LIST, RQ, CELERY, STREAM }
}
