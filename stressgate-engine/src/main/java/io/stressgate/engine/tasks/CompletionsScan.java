package io.stressgate.engine.tasks;

import io.stressgate.engine.process.RedisEndpoint;
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
 * Reads the entries the completions log workers keep (a Redis list, or a stream, of job ids, one entry per
 * completion) gained during the run ({@link CompletionsMark}), page by page, and reports every id that appears more
 * than once. Memory is one fingerprint per distinct id
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

    /**
     * Scans the entries the log gained since {@code mark} once, handing each id seen again to {@code duplicate}
     * (perhaps more than once per id). Throws {@link IllegalStateException} when they cannot be told from older ones.
     */
    public Outcome scan(CompletionsMark mark, Consumer<String> duplicate) {
        Fingerprints seen = new Fingerprints(maxIds);
        try (RedisEndpoint endpoint = new RedisEndpoint(spec.redisUrl(), timeout)) {
            Jedis jedis = endpoint.connection(System.nanoTime());
            String key = spec.completionsKey();
            String type = jedis.type(key);
            long entries = switch (type) {
                case "list" -> scanList(jedis, key, CompletionsMark.newEntries(mark, jedis, key, jedis.llen(key)),
                        seen, duplicate);
                case "stream" -> scanStream(jedis, key, mark, seen, duplicate);
                case "none" -> none(mark, key);
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

    private long scanList(Jedis jedis, String key, CompletionsMark.ListSlice slice, Fingerprints seen,
            Consumer<String> duplicate) {
        long read = 0;
        while (read < slice.count()) {
            long first = slice.skip() + read;
            long last = slice.skip() + Math.min(slice.count(), read + page) - 1;
            List<String> ids = slice.fromTail() ? jedis.lrange(key, -last - 1, -first - 1)
                    : jedis.lrange(key, first, last);
            for (String id : ids) {
                check(id, seen, duplicate);
            }
            read += ids.size();
            if (ids.isEmpty()) {
                throw new IllegalStateException("the completions list " + key + " shrank while it was read");
            }
        }
        return read;
    }

    private long scanStream(Jedis jedis, String key, CompletionsMark mark, Fingerprints seen, Consumer<String> duplicate) {
        List<StreamEntry> oldest = jedis.xrange(key, (StreamEntryID) null, null, 1);
        StreamEntryID after = CompletionsMark.streamStart(mark, key, oldest.isEmpty() ? null : oldest.get(0).getID());
        long read = 0;
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

    /** A log that is gone after the load: fine when it never existed, a lost log when it held entries before. */
    private static long none(CompletionsMark mark, String key) {
        if (mark instanceof CompletionsMark.Absent) {
            return 0;
        }
        if (mark instanceof CompletionsMark.Unknown u) {
            throw new IllegalStateException("the completions log " + key + " could not be read before the load ("
                    + u.reason() + ")");
        }
        throw new IllegalStateException("the completions log " + key + " existed before the load and is gone after "
                + "it, so this run's completions are unknown");
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
