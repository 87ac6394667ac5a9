package io.stressgate.engine.result;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * 64-bit fingerprints of job ids, and their compact form in results: sorted, delta-coded as unsigned varints,
 * deflated and Base64-encoded (about 9 characters per id). Looking an id up among n fingerprints finds another id's
 * with odds of about n/2⁶⁴: one in 4·10¹³ lookups for the half million a results file may carry.
 */
public final class JobFingerprints {
    /** The most fingerprints a results file carries (about 4.3 MB of text, half the reader's string limit). */
    public static final int MAX_RECORDED = 500_000;

    private JobFingerprints() {
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so nearby ids spread; never 0. */
    public static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** The compact form of {@code fingerprints} (any order; duplicates are kept once). */
    public static String encode(long[] fingerprints) {
        long[] sorted = fingerprints.clone();
        Arrays.sort(sorted);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(sorted.length * 8 + 8);
        long previous = Long.MIN_VALUE;
        boolean first = true;
        for (long fp : sorted) {
            if (!first && fp == previous) {
                continue;
            }
            writeVarint(raw, first ? fp - Long.MIN_VALUE : fp - previous);
            previous = fp;
            first = false;
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.size() / 2 + 64);
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                packed.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(packed.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** The sorted fingerprints of {@code text}; a message naming what is wrong when it is not such a form. */
    public static long[] decode(String text) {
        byte[] packed;
        try {
            packed = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job fingerprints are not Base64: " + e.getMessage(), e);
        }
        byte[] raw = inflate(packed);
        long[] out = new long[Math.max(16, raw.length / 6)];
        int n = 0;
        long value = Long.MIN_VALUE;
        int at = 0;
        while (at < raw.length) {
            long delta = 0;
            int shift = 0;
            while (true) {
                if (at >= raw.length || shift > 63) {
                    throw new IllegalArgumentException("job fingerprints end inside a number");
                }
                byte b = raw[at++];
                delta |= (long) (b & 0x7f) << shift;
                shift += 7;
                if (b >= 0) {
                    break;
                }
            }
            value += delta;
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = value;
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether {@code sorted} (from {@link #decode}) holds the fingerprint of {@code id}. */
    public static boolean contains(long[] sorted, String id) {
        return Arrays.binarySearch(sorted, of(id)) >= 0;
    }

    private static byte[] inflate(byte[] packed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(packed.length * 2 + 64);
            byte[] buffer = new byte[1 << 16];
            long cap = (long) MAX_RECORDED * 10;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("job fingerprints are cut short");
                }
                raw.write(buffer, 0, n);
                if (raw.size() > cap) {
                    throw new IllegalArgumentException("job fingerprints unpack to more than " + cap + " bytes");
                }
            }
            return raw.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("job fingerprints are not deflated data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
