package io.stressgate.engine.shard;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.EncodedHistogram;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Adds compressed histograms (as {@link Histograms#encode} writes them) into another by walking only their encoded
 * counts. Decoding one first would allocate and then scan a counts array for the whole two-hour range per interval,
 * which made the merge of 16 shards x 3,600 intervals take 50 s. The counts of the same layout as the target's are
 * summed by bucket index into a reused array and recorded into the target once per bucket by {@link #flush}, so the
 * 16 shards of one interval cost one record per bucket that any of them holds, not one per shard and bucket. A
 * histogram of another layout than the target's goes the library's way.
 */
final class HistogramAdder {
    private static final int HEADER = 40;
    private static final int MAX_PAYLOAD = 1 << 22;

    private final Histogram into;
    private final int digits;
    private final long lowest;
    private final BucketLayout layout;
    private final Inflater inflater = new Inflater();
    private byte[] buffer = new byte[1 << 12];
    private final long[] pending;
    private int lowestPending = Integer.MAX_VALUE;
    private int highestPending = -1;
    private boolean foreign;
    /** The long {@link #readLong} read last. */
    private long longRead;

    HistogramAdder(Histogram into) {
        this.into = into;
        this.digits = into.getNumberOfSignificantValueDigits();
        this.lowest = into.getLowestDiscernibleValue();
        this.layout = BucketLayout.of(into);
        this.pending = new long[layout.countsLength(into.getHighestTrackableValue())];
    }

    /** Adds {@code encoded}, in base64; null adds nothing. The target holds it after the next {@link #flush}. */
    void add(String encoded) {
        if (encoded != null) {
            add(EncodedHistogram.ofBase64(encoded));
        }
    }

    /** Adds {@code packed}; null adds nothing. The target holds it after the next {@link #flush}. */
    void add(EncodedHistogram packed) {
        if (packed == null) {
            return;
        }
        try {
            int length = inflate(packed);
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
            int payload = b.getInt(4);
            boolean sameLayout = b.getInt(8) == 0 && b.getInt(12) == digits && b.getLong(16) == lowest
                    && b.getLong(24) <= into.getHighestTrackableValue() && payload == length - HEADER;
            if (!sameLayout) {
                into.add(Histograms.decode(packed));
                foreign = true;
                return;
            }
            addCounts(HEADER, length);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid compressed histogram: " + e.getMessage(), e);
        }
    }

    /**
     * Counts are zig-zag LEB128 longs; a negative one skips that many empty buckets. Read straight from the inflated
     * bytes: this loop runs once per bucket of every shard's every interval, so it works in ints where a count or a
     * skip fits in one byte (most of them) and leaves the index check to the array's own.
     */
    private void addCounts(int from, int to) {
        byte[] in = buffer;
        long[] sums = pending;
        int index = 0;
        int first = -1;
        int last = -1;
        int at = from;
        try {
            while (at < to) {
                int v = in[at++];
                if (v < 0) {
                    at = readLong(in, at, to, v);
                    long count = (longRead >>> 1) ^ -(longRead & 1);
                    if (count <= 0) {
                        index = count < 0 ? skip(index, count) : index + 1;
                        continue;
                    }
                    add(sums, index, count);
                } else {
                    int count = (v >>> 1) ^ -(v & 1);
                    if (count < 0) {
                        index -= count; // at most 64 past the end, caught at the next count's array index
                        continue;
                    }
                    if (count == 0) {
                        index++;
                        continue;
                    }
                    long sum = sums[index] + count;
                    if (sum < 0) {
                        throw beyond2to63(index);
                    }
                    sums[index] = sum;
                }
                first = first < 0 ? index : first;
                last = index;
                index++;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a count lies beyond the histogram's range (bucket " + index + ")");
        }
        if (first >= 0) {
            lowestPending = Math.min(lowestPending, first);
            highestPending = Math.max(highestPending, last);
        }
    }

    /** The index after a skip of {@code -count} empty buckets, refused when it leaves the histogram's range. */
    private int skip(int index, long count) {
        if (count < (long) index - pending.length) { // index - count > length, without overflowing at -2^63
            throw new IllegalArgumentException("a count lies beyond the histogram's range (a skip of " + -count
                    + " buckets from bucket " + index + ")");
        }
        return (int) (index - count);
    }

    /** Adds a positive count that took more than one byte. */
    private static void add(long[] sums, int index, long count) {
        long sum = sums[index] + count;
        if (sum < 0) {
            throw beyond2to63(index);
        }
        sums[index] = sum;
    }

    private static IllegalArgumentException beyond2to63(int index) {
        return new IllegalArgumentException("the counts of bucket " + index + " add up beyond 2^63");
    }

    /**
     * The rest of a LEB128 long whose first byte {@code v} had its high bit set, left in {@link #longRead}; returns where
     * the next one starts. Apart from the loop above, so that the loop stays small enough for the quick compiler.
     */
    private int readLong(byte[] in, int at, int to, int v) {
        long value = v & 0x7F;
        int shift = 7;
        while (true) {
            if (at >= to) {
                throw new IllegalArgumentException("histogram ends inside a count");
            }
            int b = in[at++];
            if (shift == 56) {
                value |= (long) (b & 0xFF) << 56;
                break;
            }
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
        }
        longRead = value;
        return at;
    }


    /**
     * Records the counts added since the last flush into the target: once per bucket that holds any. The highest and
     * the lowest bucket go first: the library raises its maximum and lowers its minimum with a compare-and-set, which
     * in ascending order ran at every bucket and took half of the merge's time; after them no bucket moves either.
     */
    void flush() {
        if (highestPending >= 0) {
            record(highestPending);
            record(lowestPending);
            for (int i = lowestPending + 1; i < highestPending; i++) {
                record(i);
            }
        }
        lowestPending = Integer.MAX_VALUE;
        highestPending = -1;
        foreign = false;
    }

    private void record(int i) {
        if (pending[i] != 0) {
            into.recordValueWithCount(layout.valueAt(i), pending[i]);
            pending[i] = 0;
        }
    }

    /**
     * Hands the counts added since the last flush or summary to {@code summarizer} instead of the target, when every
     * one of them had the target's layout (so the target holds nothing of them); false, with nothing done, otherwise.
     */
    boolean summarizeInto(CountsSummarizer summarizer) {
        if (foreign) {
            return false;
        }
        summarizer.summarize(pending, lowestPending, highestPending);
        lowestPending = Integer.MAX_VALUE;
        highestPending = -1;
        return true;
    }

    private int inflate(EncodedHistogram packed) throws DataFormatException {
        inflater.reset();
        if (!packed.feed(inflater)) {
            throw new IllegalArgumentException("histogram too short");
        }
        int length = 0;
        while (!inflater.finished()) {
            if (length == buffer.length) {
                if (buffer.length >= MAX_PAYLOAD) {
                    throw new IllegalArgumentException("histogram larger than " + MAX_PAYLOAD + " bytes");
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = inflater.inflate(buffer, length, buffer.length - length);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new IllegalArgumentException("histogram is truncated");
            }
            length += n;
        }
        if (length < HEADER) {
            throw new IllegalArgumentException("histogram header is incomplete");
        }
        return length;
    }

    /** Flushes what is pending and frees the inflater. */
    void close() {
        flush();
        inflater.end();
    }
}
