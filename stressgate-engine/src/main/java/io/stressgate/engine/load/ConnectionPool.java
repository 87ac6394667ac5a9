package io.stressgate.engine.load;

import java.util.ArrayDeque;

/** The idle keep-alive connections of one event loop, per origin; the most recently used is reused first. */
final class ConnectionPool {
    private final EventLoop loop;
    private final ArrayDeque<Connection>[] idle;
    private int opened;

    @SuppressWarnings("unchecked")
    ConnectionPool(EventLoop loop, int origins) {
        this.loop = loop;
        this.idle = new ArrayDeque[origins];
        for (int i = 0; i < origins; i++) {
            idle[i] = new ArrayDeque<>();
        }
    }

    Connection acquire(Origin origin) {
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
        opened++;
        new Connection(loop, origin).preconnect(now, connectTimeoutNanos, done);
    }

    void release(Connection c) {
        c.parkIdle();
        idle[c.origin.id].addLast(c);
    }

    /** Connections opened so far, for the generator's own figures. */
    int opened() {
        return opened;
    }

    /** Closes every idle connection and starts counting opened connections afresh. */
    void reset() {
        closeAll();
        opened = 0;
    }

    void closeAll() {
        for (ArrayDeque<Connection> q : idle) {
            for (Connection c : q) {
                c.close();
            }
            q.clear();
        }
    }
}
