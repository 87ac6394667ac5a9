package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Histograms;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CountsSummarizerTest {

    /** The summed counts of {@code parts} as the adder holds them, summarized; the adder's target stays empty. */
    private static CountsSummarizer summarized(Histogram... parts) {
        Histogram target = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(target);
        CountsSummarizer summarizer = new CountsSummarizer(Histograms.forRequests());
        for (Histogram part : parts) {
            adder.add(Histograms.encode(part));
        }
        assertThat(adder.summarizeInto(summarizer)).isTrue();
        assertThat(target.getTotalCount()).isZero();
        return summarizer;
    }

    private static byte[] libraryEncoding(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    private static void assertSameAsTheLibrary(CountsSummarizer summarizer, Histogram expected, String what) {
        CountsSummarizer.Figures f = summarizer.figures();
        assertThat(f.count()).as(what).isEqualTo(expected.getTotalCount());
        assertThat(f.p50()).as(what).isEqualTo(expected.getValueAtPercentile(50));
        assertThat(f.p95()).as(what).isEqualTo(expected.getValueAtPercentile(95));
        assertThat(f.p99()).as(what).isEqualTo(expected.getValueAtPercentile(99));
        assertThat(f.max()).as(what).isEqualTo(expected.getMaxValue());
        assertThat(Arrays.copyOf(summarizer.encoded(), summarizer.encodedLength())).as(what).isEqualTo(libraryEncoding(expected));
    }

    @Test
    void shouldGiveTheLibrarysPercentilesMaximumAndEncodingForSummedShardsOverTheWholeRange() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            Histogram expected = Histograms.forRequests();
            Histogram[] parts = new Histogram[1 + random.nextInt(16)];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = Histograms.forRequests();
                int values = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : random.nextInt(3000);
                for (int i = 0; i < values; i++) {
                    Histograms.record(parts[p], (long) Math.pow(10, random.nextDouble() * (2 + random.nextInt(8))));
                }
                expected.add(parts[p]);
            }
            if (expected.getTotalCount() == 0) {
                continue;
            }
            assertSameAsTheLibrary(summarized(parts), expected, "round " + round);
        }
    }

    @Test
    void shouldMatchTheLibraryAtTheEdgesOfTheCountsArrayAndForHugeCounts() {
        for (long[] valueAndCount : new long[][] {{0, 1}, {1, 1}, {2, 3}, {2047, 5}, {2048, 1}, {Histograms.HIGHEST_REQUEST_MICROS, 2},
                {12_345, 1L << 50}}) {
            Histogram h = Histograms.forRequests();
            h.recordValueWithCount(valueAndCount[0], valueAndCount[1]);
            h.recordValueWithCount(3, 1);
            assertSameAsTheLibrary(summarized(h), h, "value " + valueAndCount[0]);
        }
    }

    @Test
    void shouldLeaveTheCountsClearedSoTheNextIntervalStartsFromNothing() {
        Histogram target = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(target);
        CountsSummarizer summarizer = new CountsSummarizer(Histograms.forRequests());
        Histogram first = Histograms.forRequests();
        first.recordValueWithCount(900, 10);
        Histogram second = Histograms.forRequests();
        second.recordValueWithCount(40, 3);

        adder.add(Histograms.encode(first));
        adder.summarizeInto(summarizer);
        adder.add(Histograms.encode(second));
        adder.summarizeInto(summarizer);

        assertSameAsTheLibrary(summarizer, second, "the second interval");
    }

    @Test
    void shouldSummarizeNothingAsAnEmptyHistogramAndDecodeWhatItEncodes() {
        CountsSummarizer summarizer = new CountsSummarizer(Histograms.forRequests());
        summarizer.summarize(new long[8], Integer.MAX_VALUE, -1);
        assertSameAsTheLibrary(summarizer, Histograms.forRequests(), "empty");

        Histogram h = Histograms.forRequests();
        h.recordValueWithCount(70_000, 4);
        CountsSummarizer one = summarized(h);
        try (var encoder = new io.stressgate.engine.result.HistogramEncoder(java.util.zip.Deflater.BEST_SPEED)) {
            String encoded = encoder.compress(one.encoded(), one.encodedLength());
            assertThat(Histograms.decode(encoded)).isEqualTo(h);
            assertThat(Base64.getDecoder().decode(encoded)).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseToSummarizeWhenAHistogramOfAnotherLayoutWentIntoTheTarget() {
        Histogram target = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(target);
        Histogram jobs = Histograms.forJobs();
        jobs.recordValue(5_000);

        adder.add(Histograms.encode(jobs));

        assertThat(adder.summarizeInto(new CountsSummarizer(Histograms.forRequests()))).isFalse();
        adder.flush();
        assertThat(target.getTotalCount()).isEqualTo(1);
    }
}
