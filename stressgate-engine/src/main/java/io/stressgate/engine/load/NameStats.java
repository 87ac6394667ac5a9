package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import io.stressgate.engine.result.Histograms;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The figures of one request name over one interval (or, merged, over a run): written by one thread at a time. The
 * passes and fails of the name's checks are counted by check slot; a name without checks has empty arrays.
 */
final class NameStats {
    static final int KINDS = ErrorKind.values().length;

    final long[] checkPasses;
    final long[] checkFails;

    final Histogram latency = Histograms.forRequests();
    final long[] status = new long[600];
    final long[] errorKinds = new long[KINDS];
    long requests;
    long errors;
    long timeouts;
    long dropped;
    long bytes;
    long decoded;
    long redirects;

    NameStats() {
        this(0);
    }

    NameStats(int checks) {
        checkPasses = new long[checks];
        checkFails = new long[checks];
    }

    void reset() {
        Arrays.fill(checkPasses, 0);
        Arrays.fill(checkFails, 0);
        latency.reset();
        Arrays.fill(status, 0);
        Arrays.fill(errorKinds, 0);
        requests = 0;
        errors = 0;
        timeouts = 0;
        dropped = 0;
        bytes = 0;
        decoded = 0;
        redirects = 0;
    }

    void add(NameStats other) {
        latency.add(other.latency);
        for (int i = 0; i < status.length; i++) {
            status[i] += other.status[i];
        }
        for (int i = 0; i < KINDS; i++) {
            errorKinds[i] += other.errorKinds[i];
        }
        for (int i = 0; i < checkPasses.length; i++) {
            checkPasses[i] += other.checkPasses[i];
            checkFails[i] += other.checkFails[i];
        }
        requests += other.requests;
        errors += other.errors;
        timeouts += other.timeouts;
        dropped += other.dropped;
        bytes += other.bytes;
        decoded += other.decoded;
        redirects += other.redirects;
    }
}
