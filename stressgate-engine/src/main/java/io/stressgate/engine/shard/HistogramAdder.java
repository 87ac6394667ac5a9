package io.stressgate.engine.shard;

import io.stressgate.engine.result.Histograms;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Adds a compressed histogram (as {@link Histograms#encode} writes it) into another by walking only its encoded
 * counts. Decoding one first would allocate and then scan a counts array for the whole two-hour range (47,000
 * buckets) per interval, which made the merge of 16 shards x 3,600 intervals take 50 s; this touches only the
 * buckets that hold counts. A histogram of another layout than the target's goes the library's way.
 */
final class HistogramAdder {
    private static final int HEADER = 40;
    private static final int MAX_PAYLOAD = 1 << 22;

    private final Histogram into;
    private final int digits;
    private final long lowest;
    private final int halfCountMagnitude;
    private final int unitMagnitude;
    private final Inflater inflater = new Inflater();
    private byte[] buffer = new byte[1 << 12];

    HistogramAdder(Histogram into) {
        this.into = into;
        this.digits = into.getNumberOfSignificantValueDigits();
        this.lowest = into.getLowestDiscernibleValue();
        long singleUnitLimit = 2 * (long) Math.pow(10, digits);
        int countMagnitude = (int) Math.ceil(Math.log(singleUnitLimit) / Math.log(2));
        this.halfCountMagnitude = Math.max(countMagnitude, 1) - 1;
        this.unitMagnitude = (int) (Math.log(lowest) / Math.log(2));
    }

    /** Adds {@code encoded}; null adds nothing. */
    void add(String encoded) {
        if (encoded == null) {
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(encoded);
        try {
            int length = inflate(bytes);
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
            int payload = b.getInt(4);
            boolean sameLayout = b.getInt(8) == 0 && b.getInt(12) == digits && b.getLong(16) == lowest
                    && b.getLong(24) <= into.getHighestTrackableValue() && payload == length - HEADER;
            if (!sameLayout) {
                into.add(Histograms.decode(encoded));
                return;
            }
            b.position(HEADER);
            addCounts(b);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid compressed histogram: " + e.getMessage(), e);
        }
    }

    /** Counts are zig-zag LEB128 longs; a negative one skips that many empty buckets. */
    private void addCounts(ByteBuffer b) {
        int index = 0;
        while (b.hasRemaining()) {
            long count = readZigZag(b);
            if (count < 0) {
                index += (int) -count;
            } else {
                if (count > 0) {
                    into.recordValueWithCount(valueAt(index), count);
                }
                index++;
            }
        }
    }

    private int inflate(byte[] bytes) throws DataFormatException {
        inflater.reset();
        inflater.setInput(bytes, 8, bytes.length - 8);
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

    /** The lowest value of bucket {@code index}, the inverse of the histogram's own index of a value. */
    private long valueAt(int index) {
        int bucket = (index >> halfCountMagnitude) - 1;
        int subBucket = (index & ((1 << halfCountMagnitude) - 1)) + (1 << halfCountMagnitude);
        if (bucket < 0) {
            subBucket -= 1 << halfCountMagnitude;
            bucket = 0;
        }
        return (long) subBucket << (bucket + unitMagnitude);
    }

    /** HdrHistogram's variant of LEB128: at most 9 bytes, the ninth carrying 8 bits. */
    private static long readZigZag(ByteBuffer b) {
        long value = 0;
        int shift = 0;
        for (int i = 0; i < 8; i++) {
            int v = b.get();
            value |= (long) (v & 0x7F) << shift;
            if ((v & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
            shift += 7;
        }
        value |= (long) (b.get() & 0xFF) << 56;
        return (value >>> 1) ^ -(value & 1);
    }

    void close() {
        inflater.end();
    }
}
