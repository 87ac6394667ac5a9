package io.stressgate.engine.shard;

import org.HdrHistogram.AbstractHistogram;

/**
 * How a histogram of HdrHistogram's layout maps bucket indexes to values, worked out from its digits and lowest
 * discernible value the way the library does, so summed counts can be read by index without a histogram around them.
 */
record BucketLayout(int halfCountMagnitude, int unitMagnitude) {

    static BucketLayout of(AbstractHistogram h) {
        long singleUnitLimit = 2 * (long) Math.pow(10, h.getNumberOfSignificantValueDigits());
        int countMagnitude = (int) Math.ceil(Math.log(singleUnitLimit) / Math.log(2));
        return new BucketLayout(Math.max(countMagnitude, 1) - 1, (int) (Math.log(h.getLowestDiscernibleValue()) / Math.log(2)));
    }

    /** The length of the counts array that holds values up to {@code highest}, as the library sizes it. */
    int countsLength(long highest) {
        long subBucketCount = 1L << (halfCountMagnitude + 1);
        long smallestUntrackable = subBucketCount << unitMagnitude;
        int buckets = 1;
        while (smallestUntrackable <= highest && smallestUntrackable <= Long.MAX_VALUE / 2) {
            smallestUntrackable <<= 1;
            buckets++;
        }
        return (buckets + 1) << halfCountMagnitude;
    }

    /** The lowest value of bucket {@code index}, the inverse of the library's index of a value. */
    long valueAt(int index) {
        int bucket = bucketOf(index);
        int subBucket = (index & ((1 << halfCountMagnitude) - 1)) + (1 << halfCountMagnitude);
        if ((index >> halfCountMagnitude) == 0) {
            subBucket -= 1 << halfCountMagnitude;
        }
        return (long) subBucket << (bucket + unitMagnitude);
    }

    /** The highest value that bucket {@code index} holds (what the library reports for a percentile that lands in it). */
    long highestAt(int index) {
        return valueAt(index) + (1L << (bucketOf(index) + unitMagnitude)) - 1;
    }

    private int bucketOf(int index) {
        return Math.max(0, (index >> halfCountMagnitude) - 1);
    }
}
