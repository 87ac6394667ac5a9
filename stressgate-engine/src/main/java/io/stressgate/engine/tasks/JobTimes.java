package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * End-to-end times of completed jobs: event-loop threads record into an HdrHistogram {@link Recorder}, wait-free and
 * without a lock, and readers fold what was recorded since the last read into a running total, under a lock that
 * only readers take.
 */
final class JobTimes {
    private static final int DIGITS = 3;

    private final Recorder recorder = new Recorder(1, Histograms.HIGHEST_JOB_MICROS, DIGITS);
    /** Guarded by itself; holds everything recorded before the last {@link #drain}. */
    private final Histogram total = Histograms.forJobs();
    /** Guarded by {@code total}: the interval histogram handed back to the recorder on the next drain, for reuse. */
    private Histogram recycled;

    /** Records one end-to-end time, clamped into range; never blocks. */
    void record(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, Histograms.HIGHEST_JOB_MICROS)));
    }

    /** A copy of every time recorded so far. */
    Histogram copy() {
        return read(Histogram::copy);
    }

    /** Adds another histogram's times to the total. */
    void absorb(Histogram other) {
        synchronized (total) {
            total.add(other);
        }
    }

    /** Reads the total in place, with everything recorded so far folded in, under the readers' lock. */
    <T> T read(Function<Histogram, T> reader) {
        synchronized (total) {
            drain();
            return reader.apply(total);
        }
    }

    private void drain() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        recycled = interval;
    }
}
