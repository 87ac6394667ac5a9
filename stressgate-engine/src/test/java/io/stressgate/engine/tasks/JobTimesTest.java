package io.stressgate.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Histograms;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class JobTimesTest {
    private static final int WRITERS = 8;
    private static final int JOBS_PER_WRITER = 50_000;

    @Test
    void shouldCountEveryTimeExactlyWhenManyThreadsRecordWhileAReaderReads() throws Exception {
        JobLedger ledger = new JobLedger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < JOBS_PER_WRITER; i++) {
                        String id = writer + "-" + i;
                        ledger.submitted(id);
                        ledger.completed(id, 1 + i % 1000);
                    }
                    return null;
                }));
            }
            start.countDown();
            long readsWhileWriting = 0;
            long lastSeen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!writers.stream().allMatch(Future::isDone) && System.nanoTime() < deadline) {
                long seen = ledger.histogram().getTotalCount();
                assertThat(seen).as("a read never loses what an earlier read saw").isGreaterThanOrEqualTo(lastSeen);
                lastSeen = seen;
                readsWhileWriting++;
            }
            for (Future<?> f : writers) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(readsWhileWriting).isPositive();
        } finally {
            pool.shutdownNow();
        }

        Histogram h = ledger.histogram();
        long expected = (long) WRITERS * JOBS_PER_WRITER;
        assertThat(h.getTotalCount()).isEqualTo(expected);
        assertThat(ledger.summary().completed()).isEqualTo(expected);
        assertThat(h.getCountAtValue(1)).isEqualTo(expected / 1000);
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(1000));
    }

    @Test
    void shouldKeepAbsorbedAndRecordedTimesTogetherAcrossReads() {
        JobTimes times = new JobTimes();
        times.record(5);
        assertThat(times.copy().getTotalCount()).isEqualTo(1);
        Histogram other = Histograms.forJobs();
        other.recordValue(7);
        other.recordValue(9);
        times.absorb(other);
        times.record(-3);
        times.record(Long.MAX_VALUE);

        Histogram h = times.read(Histogram::copy);

        assertThat(h.getTotalCount()).as("the first read's sample stays, out-of-range values are clamped").isEqualTo(5);
        assertThat(h.getCountAtValue(0)).isEqualTo(1);
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(Histograms.HIGHEST_JOB_MICROS));
    }
}
