package io.stressgate.engine.tasks;

import io.stressgate.engine.process.RedisEndpoint;
import io.stressgate.engine.scenario.AccountingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Where the completions log ended before the load, so the scan after it reads only this run's entries: a log left
 * by an earlier run (whose ids a service may reuse) must neither complete this run's lost jobs nor make its jobs
 * look duplicated. A list remembers its length and its first and last entry, which tells appends at its tail
 * ({@code RPUSH}) from pushes at its head ({@code LPUSH}); a stream remembers its last entry id. A log that was
 * trimmed, cleared or rewritten during the run cannot be split into old and new, and the scan says so.
 */
public sealed interface CompletionsMark {

    /** The log did not exist before the load: every entry is this run's. */
    record Absent() implements CompletionsMark {
    }

    /** A list of {@code length} entries, {@code first} at index 0 and {@code last} at its end. */
    record ListEnd(long length, String first, String last) implements CompletionsMark {
    }

    /** A stream whose newest entry was {@code lastId}. */
    record StreamEnd(StreamEntryID lastId) implements CompletionsMark {
    }

    /** The log could not be read before the load; no scan can tell this run's entries from older ones. */
    record Unknown(String reason) implements CompletionsMark {
    }

    /** Reads the end of the log {@code spec} names; an unreadable log gives {@link Unknown}, not an exception. */
    static CompletionsMark take(AccountingSpec spec, Duration timeout) {
        try (RedisEndpoint endpoint = new RedisEndpoint(spec.redisUrl(), timeout)) {
            return of(endpoint.connection(System.nanoTime()), spec.completionsKey());
        } catch (RuntimeException e) {
            return new Unknown(e.getMessage());
        }
    }

    /** The end of {@code key} as it stands now. */
    static CompletionsMark of(Jedis jedis, String key) {
        String type = jedis.type(key);
        return switch (type) {
            case "none" -> new Absent();
            case "list" -> {
                long length = jedis.llen(key);
                yield length == 0 ? new Absent() : new ListEnd(length, jedis.lindex(key, 0), jedis.lindex(key, -1));
            }
            case "stream" -> {
                List<StreamEntry> last = jedis.xrevrange(key, (StreamEntryID) null, null, 1);
                yield last.isEmpty() ? new Absent() : new StreamEnd(last.get(0).getID());
            }
            default -> new Unknown("completions key " + key + " was a " + type + " before the load; expected a list "
                    + "or a stream of job ids");
        };
    }

    /**
     * The entries of a list pushed since the mark: {@code count} of them after the first {@code skip}, counted from
     * the head for appends at the tail, or from the tail for pushes at the head (so that pushes still arriving while
     * the scan reads do not shift what it reads).
     */
    record ListSlice(long skip, long count, boolean fromTail) {
    }

    /** The slice of a list, now {@code length} long, pushed since the mark; throws when it changed otherwise. */
    static ListSlice newEntries(CompletionsMark mark, Jedis jedis, String key, long length) {
        if (mark instanceof Absent) {
            return new ListSlice(0, length, false);
        }
        if (!(mark instanceof ListEnd m)) {
            throw changed(mark, key, "list");
        }
        if (length >= m.length() && Objects.equals(jedis.lindex(key, m.length() - 1), m.last())
                && Objects.equals(jedis.lindex(key, 0), m.first())) {
            return new ListSlice(m.length(), length - m.length(), false);
        }
        if (length >= m.length() && Objects.equals(jedis.lindex(key, length - m.length()), m.first())
                && Objects.equals(jedis.lindex(key, -1), m.last())) {
            return new ListSlice(m.length(), length - m.length(), true);
        }
        throw new IllegalStateException("the completions list " + key + " held " + m.length()
                + " entries before the load and was trimmed, cleared or rewritten during the run (now "
                + length + "), so this run's completions cannot be told from earlier ones");
    }

    /** The id after which a stream's entries are this run's, or null for the whole stream. */
    static StreamEntryID streamStart(CompletionsMark mark, String key, StreamEntryID first) {
        if (mark instanceof Absent) {
            return null;
        }
        if (!(mark instanceof StreamEnd s)) {
            throw changed(mark, key, "stream");
        }
        if (first != null && first.compareTo(s.lastId()) > 0) {
            throw new IllegalStateException("the completions stream " + key + " was trimmed past its last entry "
                    + "before the load (" + s.lastId() + ", oldest now " + first
                    + "), so some of this run's completions may be gone");
        }
        return s.lastId();
    }

    /** Why the log cannot be split: unread before the load, or of another type then. */
    private static IllegalStateException changed(CompletionsMark mark, String key, String now) {
        if (mark instanceof Unknown u) {
            return new IllegalStateException("the completions log " + key + " could not be read before the load ("
                    + u.reason() + "), so entries left by earlier runs cannot be told from this run's");
        }
        return new IllegalStateException("completions key " + key + " was a "
                + (mark instanceof ListEnd ? "list" : "stream") + " before the load and is a " + now + " now");
    }
}
