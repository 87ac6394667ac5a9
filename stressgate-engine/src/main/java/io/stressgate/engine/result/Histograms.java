package io.stressgate.engine.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms as results keep them: microsecond values, three significant digits, compressed and base64
 * encoded so runs merge exactly. Decoding checks the header first, so a hostile histogram cannot demand a huge array.
 */
public final class Histograms {
    /** Highest latency a request histogram tracks; longer values are clamped to it. */
    public static final long HIGHEST_REQUEST_MICROS = TimeUnit.HOURS.toMicros(2);
    /** Highest end-to-end time a job histogram tracks. */
    public static final long HIGHEST_JOB_MICROS = TimeUnit.DAYS.toMicros(8);
    private static final int DIGITS = 3;
    private static final long MAX_DECODED_HIGHEST = TimeUnit.DAYS.toMicros(400);

    private Histograms() {
    }

    public static Histogram forRequests() {
        return new Histogram(1, HIGHEST_REQUEST_MICROS, DIGITS);
    }

    public static Histogram forJobs() {
        return new Histogram(1, HIGHEST_JOB_MICROS, DIGITS);
    }

    /** Records a value, clamped into the histogram's range, so the hot path never throws. */
    public static void record(AbstractHistogram h, long micros) {
        h.recordValue(Math.max(0, Math.min(micros, h.getHighestTrackableValue())));
    }

    public static String encode(AbstractHistogram h) {
        return Base64.getEncoder().encodeToString(encoded(h));
    }

    private static byte[] encoded(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** {@link #encode}, kept as bytes. */
    public static EncodedHistogram pack(AbstractHistogram h) {
        return EncodedHistogram.owning(encoded(h));
    }

    /** Decodes a histogram written by {@link #encode}; refuses one whose header asks for an absurd range. */
    public static Histogram decode(String base64) {
        return decode(Base64.getDecoder().decode(base64));
    }

    /** Decodes a histogram kept by {@link #pack}, as {@link #decode(String)} does. */
    public static Histogram decode(EncodedHistogram packed) {
        return decode(packed.toByteArray());
    }

    private static Histogram decode(byte[] bytes) {
        checkHeader(bytes);
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid compressed histogram: " + e.getMessage(), e);
        }
    }

    private static void checkHeader(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("histogram too short");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, 8, bytes.length - 8);
            byte[] header = new byte[40];
            int n = inflater.inflate(header);
            if (n < 40) {
                throw new IllegalArgumentException("histogram header is incomplete");
            }
            ByteBuffer b = ByteBuffer.wrap(header);
            b.position(12);
            int digits = b.getInt();
            long lowest = b.getLong();
            long highest = b.getLong();
            if (digits < 0 || digits > 5 || lowest < 1 || highest > MAX_DECODED_HIGHEST || highest < 2 * lowest) {
                throw new IllegalArgumentException("histogram header asks for an unsupported range");
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("histogram is not deflate data", e);
        } finally {
            inflater.end();
        }
    }

    /** A percentile in milliseconds. */
    public static double percentileMs(AbstractHistogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** The latency figures of a histogram, or null when it holds nothing. */
    public static LatencyMs latency(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        return new LatencyMs(percentileMs(h, 50), percentileMs(h, 90), percentileMs(h, 95), percentileMs(h, 99),
                percentileMs(h, 99.9), round(h.getMaxValue() / 1000.0), round(h.getMinValue() / 1000.0),
                round(h.getMean() / 1000.0), round(h.getStdDeviation() / 1000.0));
    }

    /** Rounds to three decimals, which is microsecond resolution for milliseconds. */
    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
