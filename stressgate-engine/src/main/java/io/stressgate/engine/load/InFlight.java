package io.stressgate.engine.load;

/**
 * The requests in flight on one event loop, and the only place that count changes. An exchange is keyed to its
 * iteration and the connection (or HTTP/2 stream) carrying it: an iteration has at most one in flight, and settling
 * an exchange that is no longer the iteration's (settled already, interrupted, or the iteration reused since) changes
 * nothing, so a late failure report cannot count a request out of flight twice.
 */
final class InFlight {
    private int count;

    /** {@code it} starts an exchange on {@code c}. */
    void sent(Iteration it, Connection c) {
        if (it.connection != null) {
            throw new IllegalStateException("iteration " + it.number
                    + " sends a request while one is in flight");
        }
        it.connection = c;
        count++;
    }

    /**
     * The exchange of {@code it} on {@code c} is over (answered, failed or interrupted); returns false, and counts
     * nothing, when it was not in flight.
     */
    boolean settle(Iteration it, Connection c) {
        if (it == null || c == null || it.connection != c) {
            return false;
        }
        it.connection = null;
        count--;
        return true;
    }

    /** The exchange of {@code it} moved from {@code from} to {@code to} (an HTTP/2 stream falling back to HTTP/1.1). */
    void moved(Iteration it, Connection from, Connection to) {
        if (it.connection != from) {
            throw new IllegalStateException("iteration " + it.number
                    + " moves an exchange that is not in flight");
        }
        it.connection = to;
    }

    /** Requests in flight now. */
    int count() {
        return count;
    }
}
