package io.stressgate.engine.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps at most about {@code 2 × target} rows in memory however long the run: consecutive rows merge into buckets
 * whose cells hold the bucket's peak (the maximum, or the minimum for columns where the low is the peak, such as
 * available memory), so short spikes survive. When the kept rows reach twice the target, neighbours merge and the
 * bucket doubles. {@link #rows()} thins once more to at most {@code target}.
 */
final class ThinnedRows implements RowSink {
    private final int target;
    private final boolean[] lowIsPeak;
    private final List<double[]> kept = new ArrayList<>();
    private int bucketSize = 1;
    private double[] open;
    private int openCount;
    private long total;

    ThinnedRows(int target, boolean[] lowIsPeak) {
        if (target < 2) {
            throw new IllegalArgumentException("thinning target must be at least 2, was " + target);
        }
        this.target = target;
        this.lowIsPeak = lowIsPeak.clone();
    }

    @Override
    public void row(double[] values) {
        total++;
        if (open == null) {
            open = values.clone();
        } else {
            merge(open, values);
        }
        if (++openCount == bucketSize) {
            kept.add(open);
            open = null;
            openCount = 0;
            if (kept.size() >= 2 * target) {
                halve(kept, 2);
                bucketSize *= 2;
            }
        }
    }

    /** Rows received in all. */
    long total() {
        return total;
    }

    /** The kept rows, at most {@code target} of them, oldest first; each bucket starts at its first row's t. */
    List<double[]> rows() {
        List<double[]> all = new ArrayList<>(kept.size() + 1);
        kept.forEach(r -> all.add(r.clone()));
        if (open != null) {
            all.add(open.clone());
        }
        if (all.size() > target) {
            halve(all, (all.size() + target - 1) / target);
        }
        return all;
    }

    private void halve(List<double[]> rows, int factor) {
        List<double[]> merged = new ArrayList<>(rows.size() / factor + 1);
        for (int i = 0; i < rows.size(); i += factor) {
            double[] bucket = rows.get(i);
            for (int j = i + 1; j < Math.min(rows.size(), i + factor); j++) {
                merge(bucket, rows.get(j));
            }
            merged.add(bucket);
        }
        rows.clear();
        rows.addAll(merged);
    }

    /** Folds {@code row} into {@code bucket}, keeping the bucket's first t (column 0). */
    private void merge(double[] bucket, double[] row) {
        for (int c = 1; c < bucket.length; c++) {
            double b = bucket[c];
            double v = row[c];
            if (Double.isNaN(b)) {
                bucket[c] = v;
            } else if (!Double.isNaN(v)) {
                bucket[c] = lowIsPeak[c] ? Math.min(b, v) : Math.max(b, v);
            }
        }
    }
}
