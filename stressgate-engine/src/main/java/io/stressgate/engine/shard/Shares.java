package io.stressgate.engine.shard;

import io.stressgate.engine.scenario.Rate;

/**
 * Splits a total over shards so the shares add up to exactly the total: every shard gets the quotient and the
 * first {@code total % count} shards one more (10 over 3 is 4, 3, 3). Rates with a fraction are split in
 * thousandths of an iteration per second, the resolution a scenario can write them in.
 */
public final class Shares {
    private static final double MILLI = 1000.0;
    private static final double EXACT_LIMIT = 1L << 52;

    private Shares() {
    }

    /** Shard {@code index}'s share (1-based) of {@code total} over {@code count} shards. */
    public static long of(long total, int index, int count) {
        if (total < 0 || count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("cannot share " + total + " as shard " + index + " of " + count);
        }
        return total / count + (index <= total % count ? 1 : 0);
    }

    /** An int total's share; see {@link #of(long, int, int)}. */
    public static int of(int total, int index, int count) {
        return (int) of((long) total, index, count);
    }

    /** A rate's share: whole rates split in whole iterations per second, others in thousandths. */
    public static Rate of(Rate rate, int index, int count) {
        double perSecond = rate.perSecond();
        if (perSecond == Math.rint(perSecond) && perSecond < EXACT_LIMIT) {
            return new Rate(of((long) perSecond, index, count));
        }
        long thousandths = Math.round(perSecond * MILLI);
        return new Rate(of(thousandths, index, count) / MILLI);
    }

    /** A concurrency cap's share, never below one so a shard with a share of the load can run it. */
    public static int cap(int total, int index, int count) {
        return Math.max(1, of(total, index, count));
    }
}
