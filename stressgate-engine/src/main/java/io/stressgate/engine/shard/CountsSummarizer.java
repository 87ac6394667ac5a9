package io.stressgate.engine.shard;

import java.nio.ByteBuffer;
import org.HdrHistogram.AbstractHistogram;

/**
 * Reads the figures of one merged interval straight from its summed bucket counts, in one pass that also clears
 * them: the count, p50, p95, p99 and the maximum as HdrHistogram computes them, and the library's uncompressed
 * encoding of the same histogram. Recording the sums into a histogram first cost, per interval, clearing its whole
 * two-hour counts array, one walk per percentile and the library's own encoding walk. Not thread-safe: one per worker.
 */
final class CountsSummarizer {
    /** The percentiles a merged interval carries, ascending. */
    private static final double[] PERCENTILES = {50, 95, 99};
    private static final int HEADER = 40;

    private final BucketLayout layout;
    private final byte[] header;
    /** The encoding being written, and how far: an array written by index, without a buffer's checks at every byte. */
    private byte[] plain = new byte[1 << 14];
    private int position;
    private Figures last;

    /** The figures of one interval in the histogram's unit (microseconds); an empty interval has count 0. */
    record Figures(long count, long p50, long p95, long p99, long max) {
    }

    /** A summarizer for counts of {@code layout}'s layout, encoding with its header (its range and digits). */
    CountsSummarizer(AbstractHistogram layout) {
        if (layout.getTotalCount() != 0) {
            throw new IllegalArgumentException("the layout's histogram must be empty");
        }
        this.layout = BucketLayout.of(layout);
        ByteBuffer empty = ByteBuffer.allocate(layout.getNeededByteBufferCapacity());
        layout.encodeIntoByteBuffer(empty);
        this.header = java.util.Arrays.copyOf(empty.array(), HEADER);
    }

    /** Reads counts[lowest..highest] (all zero outside it; highest below 0 for none) and leaves them zero. */
    void summarize(long[] counts, int lowest, int highest) {
        System.arraycopy(header, 0, plain, 0, HEADER);
        position = HEADER;
        if (highest < 0) {
            putLong(0); // the library writes an empty histogram as one zero count
            finish();
            last = new Figures(0, 0, 0, 0, 0);
            return;
        }
        long total = 0;
        for (int i = lowest; i <= highest; i++) {
            total += counts[i];
        }
        long[] wanted = new long[PERCENTILES.length];
        for (int p = 0; p < wanted.length; p++) {
            wanted[p] = countAt(PERCENTILES[p], total);
        }
        long[] found = new long[PERCENTILES.length];
        int next = 0;
        if (lowest == 1) {
            putLong(0);
        } else if (lowest > 1) {
            putLong(-lowest);
        }
        long cumulative = 0;
        int zeros = 0;
        for (int i = lowest; i <= highest; i++) {
            long count = counts[i];
            if (count == 0) {
                zeros++;
                continue;
            }
            if (zeros > 0) {
                putLong(zeros == 1 ? 0 : -zeros);
                zeros = 0;
            }
            putLong(count);
            counts[i] = 0;
            cumulative += count;
            while (next < wanted.length && cumulative >= wanted[next]) {
                found[next++] = layout.highestAt(i);
            }
        }
        finish();
        last = new Figures(total, found[0], found[1], found[2], layout.highestAt(highest));
    }

    /** The figures of the last summary. */
    Figures figures() {
        return last;
    }

    /** The bytes of the last summary's encoding, as {@code AbstractHistogram.encodeIntoByteBuffer} writes them. */
    byte[] encoded() {
        return plain;
    }

    /** How many bytes of {@link #encoded} hold the last summary's encoding. */
    int encodedLength() {
        return position;
    }

    /** The count a percentile falls at, computed as the library computes it (one ulp below, rounded up, at least 1). */
    private static long countAt(double percentile, long total) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return Math.max((long) Math.ceil(requested * total / 100.0), 1);
    }

    private void finish() {
        ByteBuffer.wrap(plain).putInt(4, position - HEADER);
    }

    /** A zig-zag LEB128 long, as the library writes counts: seven bits a byte, the ninth byte holding eight. */
    private void putLong(long signed) {
        if (plain.length - position < 9) {
            plain = java.util.Arrays.copyOf(plain, plain.length * 2);
        }
        long v = (signed << 1) ^ (signed >> 63);
        byte[] out = plain;
        int at = position;
        for (int shift = 0; shift < 56; shift += 7) {
            if (v >>> (shift + 7) == 0) {
                out[at] = (byte) (v >>> shift);
                position = at + 1;
                return;
            }
            out[at++] = (byte) ((v >>> shift) & 0x7F | 0x80);
        }
        out[at++] = (byte) (v >>> 56);
        position = at;
    }
}
