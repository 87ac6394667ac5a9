package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import io.stressgate.engine.result.Histograms;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The recording side of one event loop: per request name, this interval's histogram and counters. Only the loop
 * thread writes; at each interval boundary the loop hands the filled set to the aggregator and continues on a
 * recycled one, so recording takes no lock and allocates nothing.
 */
final class StatsBook {
    /** A filled interval of one loop, handed to the aggregator. */
    record Snapshot(int loop, long interval, NameStats[] names, int inFlight) {
    }

    private final int loop;
    private final int[] checkCounts;
    private final BlockingQueue<NameStats[]> spares = new ArrayBlockingQueue<>(4);
    private NameStats[] current;

    /** {@code checkCounts[n]} is the number of checks of request name n (its length the number of names). */
    StatsBook(int loop, int[] checkCounts) {
        this.loop = loop;
        this.checkCounts = checkCounts.clone();
        this.current = fresh();
    }

    private NameStats[] fresh() {
        NameStats[] set = new NameStats[checkCounts.length];
        for (int i = 0; i < set.length; i++) {
            set[i] = new NameStats(checkCounts[i]);
        }
        return set;
    }

    /**
     * A response arrived: {@code kind} is null when its status was expected; {@code bytes} as received, headers
     * included, {@code decoded} the body's once decoded (as received when it was not compressed).
     */
    void response(int name, long micros, int status, ErrorKind kind, long bytes, long decoded) {
        NameStats s = current[name];
        s.requests++;
        Histograms.record(s.latency, micros);
        if (status >= 0 && status < 600) {
            s.status[status]++;
        }
        s.bytes += bytes;
        s.decoded += decoded;
        if (kind != null) {
            s.errors++;
            s.errorKinds[kind.ordinal()]++;
        }
    }

    /** A request of name {@code name} was redirected: one more hop, and the redirect's bytes. */
    void redirect(int name, long bytes) {
        NameStats s = current[name];
        s.redirects++;
        s.bytes += bytes;
    }

    /** A request failed without a usable response; {@code micros} < 0 when it is not a latency sample. */
    void failure(int name, ErrorKind kind, long micros) {
        NameStats s = current[name];
        s.requests++;
        s.errors++;
        s.errorKinds[kind.ordinal()]++;
        if (kind == ErrorKind.TIMEOUT) {
            s.timeouts++;
        }
        if (micros >= 0) {
            Histograms.record(s.latency, micros);
        }
    }

    /** A check of request name {@code name}, counted in {@code slot}, passed or failed on a response. */
    void check(int name, int slot, boolean passed) {
        NameStats s = current[name];
        if (passed) {
            s.checkPasses[slot]++;
        } else {
            s.checkFails[slot]++;
        }
    }

    /** The open model could not start an iteration whose first request has this name. */
    void dropped(int name) {
        current[name].dropped++;
    }

    /** Ends the interval: returns its figures and continues on a recycled set. */
    Snapshot roll(long interval, int inFlight) {
        NameStats[] filled = current;
        NameStats[] next = spares.poll();
        current = next != null ? next : fresh();
        return new Snapshot(loop, interval, filled, inFlight);
    }

    /** Called by the aggregator once it has merged a snapshot, so the loop can reuse it. */
    void recycle(NameStats[] set) {
        for (NameStats s : set) {
            s.reset();
        }
        spares.offer(set);
    }
}
