package io.stressgate.engine.tasks;

import io.stressgate.engine.result.JobFingerprints;
import java.util.Arrays;

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

    /** Whether the id (or an id with the same fingerprint) is in the set. */
    boolean contains(String id) {
        long fp = fingerprint(id);
        int mask = slots.length - 1;
        int i = (int) (fp ^ (fp >>> 32)) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == fp) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** Every fingerprint in the set, in no order. */
    long[] values() {
        return Arrays.stream(slots).filter(fp -> fp != EMPTY).toArray();
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

    /** The id's fingerprint ({@link JobFingerprints#of}), the one the merge matches open jobs of other shards by. */
    static long fingerprint(String id) {
        return JobFingerprints.of(id);
    }
}
