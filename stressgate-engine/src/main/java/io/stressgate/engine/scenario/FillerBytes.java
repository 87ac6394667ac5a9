package io.stressgate.engine.scenario;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of a generated body ({@code bodySize}): the output of SplitMix64 seeded with 0, each 64-bit word in
 * little-endian order, so byte {@code i} is byte {@code i % 8} of word {@code i / 8}, where word {@code n} is
 * {@code mix((n + 1) * 0x9E3779B97F4A7C15)}. Any offset can be computed on its own, so a target can check what it
 * received and the generator never holds the body. The first word is {@code 0xE220A8397B1DCDAF}.
 */
public final class FillerBytes {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private FillerBytes() {
    }

    /** Word {@code n} of the sequence. */
    public static long word(long n) {
        long z = (n + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The byte at {@code offset}. */
    public static byte at(long offset) {
        return (byte) (word(offset >>> 3) >>> ((offset & 7) << 3));
    }

    /** Puts the {@code count} bytes starting at {@code offset} into {@code out} at its position. */
    public static void put(ByteBuffer out, long offset, int count) {
        long at = offset;
        long end = offset + count;
        while (at < end && (at & 7) != 0) {
            out.put(at(at++));
        }
        boolean bigEndian = out.order() == ByteOrder.BIG_ENDIAN;
        while (end - at >= 8) {
            long w = word(at >>> 3);
            out.putLong(bigEndian ? Long.reverseBytes(w) : w);
            at += 8;
        }
        while (at < end) {
            out.put(at(at++));
        }
    }
}
