package io.stressgate.engine.tasks;

import io.stressgate.engine.metrics.RedisEndpoint;
import io.stressgate.engine.result.JobFingerprints;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.scenario.AccountingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the completions log workers keep (a Redis list, or a stream, of job ids, one entry per completion) page by
 * page and reports every id that appears more than once. Memory is one fingerprint per distinct id
 * ({@link Fingerprints}), never the log itself. A stream entry's job id is its field {@code id}, else
 * {@code job_id}, else {@code job}, else its first value.
 */
public final class CompletionsScan {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionsScan.class);
    public static final int DEFAULT_PAGE = 1_000;
    public static final long DEFAULT_MAX_IDS = 10_000_000;

    private final AccountingSpec spec;
    private final Duration timeout;
    private final int page;
    private final long maxIds;

    /**
     * What a scan read: log entries, distinct ids, whether the fingerprint set hit its limit, and the set itself
     * (to find which open jobs the log holds).
     */
    public record Outcome(long entries, long distinctIds, boolean truncated, Fingerprints seen) {
        /** Whether the log holds {@code id} (by fingerprint). */
        public boolean holds(String id) {
            return seen.contains(id);
        }

        /** The log as a shard's results record it: fingerprints only when the set is complete and small enough. */
        public ShardLedger.CompletionsLog record() {
            boolean keep = !truncated && distinctIds <= JobFingerprints.MAX_RECORDED;
            return new ShardLedger.CompletionsLog(entries, distinctIds, keep ? JobFingerprints.encode(seen.values()) : null);
        }
    }

    public CompletionsScan(AccountingSpec spec, Duration timeout, int page, long maxIds) {
        if (!spec.enabled()) {
            throw new IllegalArgumentException("job accounting names no completions key to scan");
        }
        this.spec = spec;
        this.timeout = timeout;
        this.page = page;
        this.maxIds = maxIds;
    }

    /** Scans the whole log once, handing each id seen again to {@code duplicate} (perhaps more than once per id). */
    public Outcome scan(Consumer<String> duplicate) {
        Fingerprints seen = new Fingerprints(maxIds);
        try (RedisEndpoint endpoint = new RedisEndpoint(spec.redisUrl(), timeout)) {
            Jedis jedis = endpoint.connection(System.nanoTime());
            String key = spec.completionsKey();
            String type = jedis.type(key);
            long entries = switch (type) {
                case "list" -> scanList(jedis, key, seen, duplicate);
                case "stream" -> scanStream(jedis, key, seen, duplicate);
                case "none" -> 0;
                default -> throw new IllegalStateException("completions key " + key + " on " + endpoint.describe()
                        + " is a " + type + "; expected a list or a stream of job ids");
            };
            if (seen.full()) {
                LOG.warn("the completions log {} holds more than {} distinct ids; duplicates of later ids were not "
                        + "all counted", key, maxIds);
            }
            return new Outcome(entries, seen.size(), seen.full(), seen);
        }
    }

    private long scanList(Jedis jedis, String key, Fingerprints seen, Consumer<String> duplicate) {
        long read = 0;
        while (true) {
            List<String> ids = jedis.lrange(key, read, read + page - 1);
            for (String id : ids) {
                check(id, seen, duplicate);
            }
            read += ids.size();
            if (ids.size() < page) {
                return read;
            }
        }
    }

    private long scanStream(Jedis jedis, String key, Fingerprints seen, Consumer<String> duplicate) {
        long read = 0;
        StreamEntryID after = null;
        while (true) {
            List<StreamEntry> entries = after == null ? jedis.xrange(key, (StreamEntryID) null, null, page)
                    : jedis.xrange(key, exclusiveAfter(after), null, page);
            for (StreamEntry e : entries) {
                check(jobId(e.getFields()), seen, duplicate);
                after = e.getID();
            }
            read += entries.size();
            if (entries.size() < page) {
                return read;
            }
        }
    }

    private static StreamEntryID exclusiveAfter(StreamEntryID id) {
        return id.getSequence() == Long.MAX_VALUE ? new StreamEntryID(id.getTime() + 1, 0)
                : new StreamEntryID(id.getTime(), id.getSequence() + 1);
    }

    private static String jobId(Map<String, String> fields) {
        for (String name : List.of("id", "job_id", "job")) {
            String value = fields.get(name);
            if (value != null) {
                return value;
            }
        }
        return fields.isEmpty() ? null : fields.values().iterator().next();
    }

    private static void check(String id, Fingerprints seen, Consumer<String> duplicate) {
        if (id != null && !seen.add(id)) {
            duplicate.accept(id);
        }
    }
}
