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
    void shouldRecordWithoutWaitingWhileAReaderHoldsTheHistogram() throws Exception {
        JobLedger ledger = new JobLedger();
        ledger.submitted("read-in-progress");
        CountDownLatch readerInside = new CountDownLatch(1);
        CountDownLatch releaseReader = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> reader = threads.submit(() -> ledger.withHistogram(h -> {
                readerInside.countDown();
                awaitQuietly(releaseReader);
                return h.getTotalCount();
            }));
            assertThat(readerInside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> writer = threads.submit(() -> ledger.completed("read-in-progress", 1_234));

            writer.get(5, TimeUnit.SECONDS); // a writer waiting for the reader's lock times out here

            releaseReader.countDown();
            assertThat(reader.get(10, TimeUnit.SECONDS)).as("recorded after the read began").isZero();
            assertThat(ledger.histogram().getTotalCount()).isEqualTo(1);
        } finally {
            releaseReader.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
