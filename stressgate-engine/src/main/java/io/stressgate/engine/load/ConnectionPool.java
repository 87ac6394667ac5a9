package io.stressgate.engine.load;

import io.stressgate.engine.scenario.HttpOptions;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * The idle keep-alive connections of one event loop, per origin; the most recently used is reused first. Once the run
 * speaks HTTP/2 ({@link #http2}), a request to an origin that takes it gets a stream of {@link Http2Pool} instead.
 */
final class ConnectionPool {
    private final EventLoop loop;
    private final ArrayDeque<Connection>[] idle;
    private int opened;
    private Http2Pool http2;

    @SuppressWarnings("unchecked")
    ConnectionPool(EventLoop loop, int origins) {
        this.loop = loop;
        this.idle = new ArrayDeque[origins];
        for (int i = 0; i < origins; i++) {
            idle[i] = new ArrayDeque<>();
        }
    }

    Connection acquire(Origin origin) {
        return http2 != null && http2.carries(origin) ? http2.stream(origin) : acquireHttp1(origin);
    }

    /**
     * True when a request to {@code origin} would not open a connection now: an idle one is there, or the origin is
     * spoken to in HTTP/2 streams (which share their connections). Closed idle ones are let go on the way.
     */
    boolean ready(Origin origin) {
        if (http2 != null && http2.carries(origin)) {
            return true;
        }
        ArrayDeque<Connection> q = idle[origin.id];
        while (!q.isEmpty() && q.peekLast().closed) {
            q.pollLast();
        }
        return !q.isEmpty();
    }

    /**
     * Requests go as HTTP/2 streams from now on (after the warm-up, which talks HTTP/1.1 to its own responder);
     * {@code toldRefused} is the run's set of origins whose refusal of HTTP/2 (ALPN or h2c) was logged.
     */
    void http2(HttpOptions options, Set<Origin> toldRefused) {
        http2 = new Http2Pool(loop, options, idle.length, toldRefused);
    }

    Connection acquireHttp1(Origin origin) {
        ArrayDeque<Connection> q = idle[origin.id];
        Connection c;
        while ((c = q.pollLast()) != null) {
            if (!c.closed) {
                c.idle = false;
                return c;
            }
        }
        opened++;
        return new Connection(loop, origin);
    }

    /** Opens a connection ahead of any exchange; it joins the idle ones once connected. */
    void preconnect(Origin origin, long now, long connectTimeoutNanos, Runnable done) {
        if (http2 != null && http2.carries(origin)) {
            done.run(); // an HTTP/2 connection opens with its first stream
            return;
        }
        opened++;
        new Connection(loop, origin).preconnect(now, connectTimeoutNanos, done);
    }

    void release(Connection c) {
        c.parkIdle();
        idle[c.origin.id].addLast(c);
    }

    /** Connections opened so far, for the generator's own figures. */
    int opened() {
        return http2 == null ? opened : opened + http2.opened();
    }

    /** Closes every idle connection and starts counting opened connections afresh. */
    void reset() {
        closeAll();
        opened = 0;
    }

    void closeAll() {
        if (http2 != null) {
            http2.closeAll();
        }
        for (ArrayDeque<Connection> q : idle) {
            for (Connection c : q) {
                c.close();
            }
            q.clear();
        }
    }
}
