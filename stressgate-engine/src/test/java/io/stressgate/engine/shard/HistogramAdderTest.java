package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.Histograms;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramAdderTest {

    @Test
    void shouldAddExactlyWhatTheLibraryAddsForValuesOverTheWholeRange() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Histogram expected = Histograms.forRequests();
            Histogram actual = Histograms.forRequests();
            HistogramAdder adder = new HistogramAdder(actual);
            for (int part = 0; part < 5; part++) {
                Histogram h = Histograms.forRequests();
                for (int i = 0; i < 1 + random.nextInt(2000); i++) {
                    Histograms.record(h, (long) Math.pow(10, random.nextDouble() * 10) * (1 + random.nextInt(3)));
                }
                h.recordValueWithCount(3, 1L << 40);
                expected.add(h);
                adder.add(Histograms.encode(h));
            }
            adder.close();
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.getValueAtPercentile(99.9)).isEqualTo(expected.getValueAtPercentile(99.9));
        }
    }

    @Test
    void shouldAddAHistogramOfAnotherLayoutTheLibrarysWay() {
        Histogram jobs = Histograms.forJobs();
        Histograms.record(jobs, 5_000_000);
        Histogram into = new Histogram(1, Histograms.HIGHEST_JOB_MICROS, 2);

        new HistogramAdder(into).add(Histograms.encode(jobs));

        assertThat(into.getTotalCount()).isEqualTo(1);
        assertThat(into.getMaxValue()).isEqualTo(into.highestEquivalentValue(5_000_000));
    }

    @Test
    void shouldRefuseATruncatedHistogram() {
        Histogram h = Histograms.forRequests();
        Histograms.record(h, 1234);
        String encoded = Histograms.encode(h);
        String truncated = java.util.Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(encoded), 20));

        assertThatThrownBy(() -> new HistogramAdder(Histograms.forRequests()).add(truncated))
                .hasMessageContaining("not a valid compressed histogram");
    }

    @Test
    void shouldAddTheSameAsTheLibraryIntervalAfterIntervalWithOneTargetResetBetween() {
        Random random = new Random(3);
        Histogram actual = Histograms.forJobs();
        HistogramAdder adder = new HistogramAdder(actual);
        for (int interval = 0; interval < 50; interval++) {
            Histogram expected = Histograms.forJobs();
            actual.reset();
            for (int part = 0; part < 16; part++) {
                Histogram h = Histograms.forJobs();
                for (int i = 0; i < random.nextInt(300); i++) {
                    Histograms.record(h, (long) Math.pow(10, random.nextDouble() * 12));
                }
                expected.add(h);
                adder.add(Histograms.encode(h));
            }
            adder.flush();
            assertThat(actual).as("interval %d", interval).isEqualTo(expected);
            assertThat(actual.getMaxValue()).isEqualTo(expected.getMaxValue());
            assertThat(actual.getMinNonZeroValue()).isEqualTo(expected.getMinNonZeroValue());
        }
        adder.close();
    }

    @Test
    void shouldHoldWhatItAddsUntilFlushed() {
        Histogram h = Histograms.forRequests();
        Histograms.record(h, 1234);
        Histogram into = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(into);

        adder.add(Histograms.encode(h));
        long before = into.getTotalCount();
        adder.flush();

        assertThat(before).isZero();
        assertThat(into).isEqualTo(h);
    }

    @Test
    void shouldRefuseACountBeyondTheTargetsRange() {
        // a histogram of the target's layout whose zero run jumps past the end of the counts array
        Histogram h = Histograms.forRequests();
        Histograms.record(h, 10);
        byte[] plain = new byte[h.getNeededByteBufferCapacity()];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(plain);
        int length = h.encodeIntoByteBuffer(b);
        java.nio.ByteBuffer forged = java.nio.ByteBuffer.allocate(length + 16);
        forged.put(plain, 0, 40);
        forged.put((byte) 0xFF).put((byte) 0xFF).put((byte) 0x7F); // zig-zag of -1,048,576: skip that many buckets
        forged.put((byte) 2); // then a count of 1
        forged.putInt(4, forged.position() - 40);
        String encoded = compress(java.util.Arrays.copyOf(forged.array(), forged.position()));

        assertThatThrownBy(() -> new HistogramAdder(Histograms.forRequests()).add(encoded))
                .hasMessageContaining("beyond the histogram's range");
    }

    @Test
    void shouldRefuseASkipOfTwoToTheSixtyThirdBucketsRatherThanWrapAround() {
        // zig-zag of -2^63 is nine bytes of 0xFF: a skip that overflows a long index back to where it started
        byte[] skip = new byte[9];
        java.util.Arrays.fill(skip, (byte) 0xFF);
        String encoded = forged(skip, new byte[] {2});

        assertThatThrownBy(() -> new HistogramAdder(Histograms.forRequests()).add(encoded))
                .hasMessageContaining("beyond the histogram's range");
    }

    @Test
    void shouldRefuseShortSkipsThatAddUpPastTheEndOfTheRange() {
        // one-byte skips of 64 buckets (zig-zag 0x7F), 1,000 of them: 64,000 buckets, past the 2-hour range's end
        byte[] skips = new byte[1_000];
        java.util.Arrays.fill(skips, (byte) 0x7F);
        String encoded = forged(skips, new byte[] {2});

        assertThatThrownBy(() -> new HistogramAdder(Histograms.forRequests()).add(encoded))
                .hasMessageContaining("beyond the histogram's range");
    }

    @Test
    void shouldReadACountWrittenInMoreBytesThanNeededAsTheSameCount() {
        // a count of 1 as two bytes (0x82 0x00) and a zero as two bytes (0x80 0x00), then a one-byte count of 1
        Histogram into = Histograms.forRequests();
        HistogramAdder adder = new HistogramAdder(into);

        adder.add(forged(new byte[] {(byte) 0x82, 0, (byte) 0x80, 0, 2}, new byte[0]));
        adder.flush();

        assertThat(into.getTotalCount()).isEqualTo(2);
        assertThat(into.getCountAtValue(0)).isEqualTo(1);
        assertThat(into.getCountAtValue(1)).isZero();
        assertThat(into.getCountAtValue(2)).isEqualTo(1);
    }

    /** A histogram of the request layout whose counts are the given LEB128 bytes, one part after the other. */
    private static String forged(byte[] first, byte[] then) {
        Histogram h = Histograms.forRequests();
        byte[] plain = new byte[h.getNeededByteBufferCapacity()];
        h.encodeIntoByteBuffer(java.nio.ByteBuffer.wrap(plain));
        java.nio.ByteBuffer forged = java.nio.ByteBuffer.allocate(40 + first.length + then.length);
        forged.put(plain, 0, 40).put(first).put(then);
        forged.putInt(4, forged.position() - 40);
        return compress(forged.array());
    }

    /** The library's compressed form around a plain encoding: its cookie, the deflated length, the deflated bytes. */
    private static String compress(byte[] plain) {
        Histogram empty = Histograms.forRequests();
        java.nio.ByteBuffer sample = java.nio.ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
        empty.encodeIntoCompressedByteBuffer(sample);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(plain);
        deflater.finish();
        byte[] out = new byte[plain.length + 64];
        int n = deflater.deflate(out, 8, out.length - 8);
        deflater.end();
        java.nio.ByteBuffer.wrap(out).putInt(0, sample.getInt(0)).putInt(4, n);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(out, 8 + n));
    }
}
