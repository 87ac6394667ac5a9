package io.stressgate.engine.tasks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The job ledger's record path, as event loops call it when a poll sees a job done: the job leaves the open set and
 * its end-to-end time is recorded. Run on one thread, on two (this machine's cores) recording into one ledger, and
 * on one recording while another reads the histogram in a loop, as live metrics and the summary do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JobLedgerBench {
    private static final int IDS = 1024;

    private final JobLedger ledger = new JobLedger();
    private final String[] ids = new String[IDS];

    /** Each thread's own position in the ids. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void setUp() {
        for (int i = 0; i < IDS; i++) {
            ids[i] = "job-" + i;
        }
    }

    @Benchmark
    public void completeOneThread(Cursor c) {
        complete(c);
    }

    @Benchmark
    @Threads(2)
    public void completeTwoThreads(Cursor c) {
        complete(c);
    }

    @Benchmark
    @Group("recordWhileReading")
    public void recorder(Cursor c) {
        complete(c);
    }

    @Benchmark
    @Group("recordWhileReading")
    public Histogram reader() {
        return ledger.histogram();
    }

    private void complete(Cursor c) {
        int i = c.next++ & IDS - 1;
        ledger.completed(ids[i], 1_000 + i * 997L);
    }
}
