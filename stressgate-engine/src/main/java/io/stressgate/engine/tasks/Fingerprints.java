package io.stressgate.engine.tasks;

import java.nio.charset.StandardCharsets;

/**
 * A set of 64-bit fingerprints of job ids in one open-addressed {@code long[]}: 16 bytes per id at most, against
 * about 100 for a {@code HashSet<String>}. Two different ids share a fingerprint with odds of about n²/2⁶⁵ (one in
 * a few hundred thousand for ten million ids), which would count one job as duplicated that was not. Stops growing
 * at {@code maxIds}; ids beyond that are still looked up, not added.
 */
final class Fingerprints {
    private static final long EMPTY = 0;

    private final long maxIds;
    private long[] slots = new long[1 << 10];
    private long size;
    private boolean full;

    Fingerprints(long maxIds) {
        this.maxIds = maxIds;
    }

    /** Adds the id; returns false when it (or an id with the same fingerprint) was already there. */
    boolean add(String id) {
        long fp = fingerprint(id);
        int mask = slots.length - 1;
        int i = (int) (fp ^ (fp >>> 32)) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == fp) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size >= maxIds) {
            full = true;
            return true;
        }
        slots[i] = fp;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    long size() {
        return size;
    }

    /** Whether ids were left out because the set reached its limit. */
    boolean full() {
        return full;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long fp : old) {
            if (fp != EMPTY) {
                int i = (int) (fp ^ (fp >>> 32)) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = fp;
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so nearby ids spread; never 0 (the empty slot). */
    static long fingerprint(String id) {
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
        return h == EMPTY ? 1 : h;
    }
}
