package io.stressgate.engine.process;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One Redis server the run reads from, over a single connection (one thread uses it, so a pool would add nothing).
 * Connect and read time out after a short limit; after a failure the next attempt waits an exponentially growing
 * pause (100 ms doubling up to 2 s), so a dead server costs one quick refusal per pause, not one per tick.
 */
public final class RedisEndpoint implements AutoCloseable {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final URI uri;
    private final DefaultJedisClientConfig config;
    private final String described;
    private Jedis jedis;
    private long pauseNanos;
    private long nextAttemptNanos;
    private String lastError;

    /** An endpoint for a {@code redis://[user:password@]host[:port][/db]} URL, null meaning the local default. */
    public RedisEndpoint(String url, Duration timeout) {
        this.uri = parse(url == null ? DEFAULT_URL : url);
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("stressgate")
                .build();
        HostAndPort hp = JedisURIHelper.getHostAndPort(uri);
        this.described = hp.getHost() + ":" + hp.getPort() + "/" + JedisURIHelper.getDBIndex(uri);
    }

    private static URI parse(String url) {
        try {
            URI parsed = URI.create(url);
            if (!JedisURIHelper.isValid(parsed)) {
                throw new IllegalArgumentException("not a Redis URL (redis://host:port/db): " + redact(url));
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Redis URL (redis://host:port/db): " + redact(url), e);
        }
    }

    /** The URL with any password removed, for messages. */
    static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    /** Host, port and database, never the password. */
    public String describe() {
        return described;
    }

    /**
     * The open connection, connecting first if needed. Throws {@link Unavailable} without touching the network
     * while the pause after the last failure lasts.
     */
    public Jedis connection(long nowNanos) {
        if (jedis != null) {
            return jedis;
        }
        if (lastError != null && nowNanos - nextAttemptNanos < 0) {
            throw new Unavailable(described + " unreachable: " + lastError);
        }
        jedis = new Jedis(JedisURIHelper.getHostAndPort(uri), config);
        return jedis;
    }

    /** The last command failed on the connection: drop it and pause before the next attempt. */
    public void broken(Exception cause, long nowNanos) {
        closeQuietly();
        pauseNanos = pauseNanos == 0 ? FIRST_PAUSE_NANOS : Math.min(MAX_PAUSE_NANOS, pauseNanos * 2);
        nextAttemptNanos = nowNanos + pauseNanos;
        lastError = message(cause);
    }

    /** A command went through: the next failure starts the pauses afresh. */
    public void healthy() {
        pauseNanos = 0;
        lastError = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                lastError = message(e);
            }
            jedis = null;
        }
    }

    /** The innermost message of a failure, which names the real cause (connection refused, timeout). */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** Thrown while the endpoint waits out the pause after a failure. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
