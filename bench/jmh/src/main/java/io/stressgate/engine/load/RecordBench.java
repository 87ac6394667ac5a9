package io.stressgate.engine.load;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Recording one response in a loop's {@link StatsBook}: its latency into HdrHistogram, its status and bytes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordBench {
    private static final int SAMPLES = 1024;

    private final StatsBook book = new StatsBook(0, new int[] {0});
    private final long[] latencies = new long[SAMPLES];
    private int next;

    @Setup
    public void setUp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < SAMPLES; i++) {
            latencies[i] = 50 + (long) (r.nextDouble() * r.nextDouble() * 20_000); // 50 µs to 20 ms, most of them low
        }
    }

    @Benchmark
    public void recordResponse() {
        book.response(0, latencies[next++ & SAMPLES - 1], 200, null, 850, 607); // bytes received, the body as decoded
    }
}
