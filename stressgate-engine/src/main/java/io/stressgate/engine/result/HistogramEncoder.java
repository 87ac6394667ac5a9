package io.stressgate.engine.result;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Encodes histograms in the library's compressed form, as {@link Histograms#encode} does, with one reused deflater
 * and reused buffers. The library's own encoding starts a deflater and allocates a buffer sized for
 * the whole counts array each time, which a merge that encodes 3,600 intervals pays 3,600 times. Not thread-safe:
 * one encoder per thread, closed after use.
 */
public final class HistogramEncoder implements AutoCloseable {
    /** The first four bytes of the library's compressed encoding, taken from the library itself. */
    private static final int COOKIE = libraryCookie();
    private static final int HEADER = 8;

    private final Deflater deflater;
    private ByteBuffer plain = ByteBuffer.allocate(1 << 14);
    private byte[] packed = new byte[1 << 14];

    /**
     * An encoder at a deflate level: {@link Deflater#DEFAULT_COMPRESSION} writes the very bytes {@link Histograms#encode}
     * writes; any level decodes to the same histogram, since deflate is lossless.
     */
    public HistogramEncoder(int level) {
        this(level, Deflater.DEFAULT_STRATEGY);
    }

    /**
     * An encoder at a deflate level and strategy. {@link Deflater#HUFFMAN_ONLY} suits the counts of latency
     * histograms: their LEB128 bytes repeat little, so deflate's search for repeats costs time and saves nothing.
     */
    public HistogramEncoder(int level, int strategy) {
        this.deflater = new Deflater(level);
        deflater.setStrategy(strategy);
    }

    public String encode(AbstractHistogram h) {
        return Base64.getEncoder().encodeToString(deflated(h));
    }

    /** {@link #encode}, kept as bytes. */
    public EncodedHistogram pack(AbstractHistogram h) {
        return EncodedHistogram.owning(deflated(h));
    }

    private byte[] deflated(AbstractHistogram h) {
        int needed = h.getNeededByteBufferCapacity();
        if (plain.capacity() < needed) {
            plain = ByteBuffer.allocate(needed);
        }
        plain.clear();
        int length = h.encodeIntoByteBuffer(plain);
        return deflated(plain.array(), length);
    }

    /**
     * Compresses a histogram already encoded the library's uncompressed way ({@code encodeIntoByteBuffer}), the
     * first {@code length} bytes of {@code encoded}, into the form {@link #encode} gives.
     */
    public String compress(byte[] encoded, int length) {
        return Base64.getEncoder().encodeToString(deflated(encoded, length));
    }

    /** {@link #compress}, kept as bytes. */
    public EncodedHistogram pack(byte[] encoded, int length) {
        return EncodedHistogram.owning(deflated(encoded, length));
    }

    private byte[] deflated(byte[] encoded, int length) {
        deflater.reset();
        deflater.setInput(encoded, 0, length);
        deflater.finish();
        int size = HEADER;
        while (!deflater.finished()) {
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, packed.length * 2);
            }
            size += deflater.deflate(packed, size, packed.length - size);
        }
        ByteBuffer header = ByteBuffer.wrap(packed);
        header.putInt(0, COOKIE);
        header.putInt(4, size - HEADER);
        return Arrays.copyOf(packed, size);
    }

    @Override
    public void close() {
        deflater.end();
    }

    private static int libraryCookie() {
        Histogram empty = new Histogram(1, 2, 0);
        ByteBuffer b = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
        empty.encodeIntoCompressedByteBuffer(b);
        return b.getInt(0);
    }
}
