package io.stressgate.engine.metrics;

import io.stressgate.engine.result.RssGrowth;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the slope of a group's RSS over the steady part of the run (after the first {@value #SETTLE_PERCENT}% of its
 * time span) with the Theil-Sen estimator (the median of the slopes between every pair of points, which a few
 * spikes do not move) and Sen's 95% confidence interval from Kendall's S. The verdict is {@code growing} when the
 * interval lies above zero and the slope exceeds the noise floor: a growth over the steady part of at least
 * {@value #NOISE_PERCENT}% of the median RSS and at least {@value #NOISE_MIN_MIB} MiB, spread over its minutes;
 * {@code stable} otherwise. Fewer than {@value #MIN_POINTS} steady points give no verdict.
 */
final class RssGrowthFit {
    static final int SETTLE_PERCENT = 20;
    static final int NOISE_PERCENT = 5;
    static final int NOISE_MIN_MIB = 4;
    static final int MIN_POINTS = 10;
    static final String METHOD = "Theil-Sen, 95% CI (Sen 1968)";
    private static final int MAX_FIT_POINTS = 512;
    private static final double Z95 = 1.959964;
    private static final double MS_PER_MINUTE = 60_000.0;
    private static final int ENDS = 5;

    private RssGrowthFit() {
    }

    /** The growth of {@code curve} (the group's RSS over the run, in time order). */
    static RssGrowth fit(List<RssGrowth.Point> curve) {
        if (curve.size() < 2) {
            return unknown(curve, curve.size(), "only " + curve.size() + " RSS sample(s); at least " + MIN_POINTS
                    + " are needed in the steady part");
        }
        long first = curve.get(0).atMs();
        long from = first + (curve.get(curve.size() - 1).atMs() - first) * SETTLE_PERCENT / 100;
        List<RssGrowth.Point> steady = curve.stream().filter(p -> p.atMs() >= from).toList();
        if (steady.size() < MIN_POINTS) {
            return unknown(curve, steady.size(), "only " + steady.size() + " RSS samples after the first "
                    + SETTLE_PERCENT + "% of the run; at least " + MIN_POINTS + " are needed (a longer run)");
        }
        Slope fitted = theilSen(thinned(steady));
        if (fitted == null) {
            return unknown(curve, steady.size(), "every RSS sample has the same time");
        }
        double slope = fitted.perMinute();
        long to = steady.get(steady.size() - 1).atMs();
        double minutes = Math.max(1, to - steady.get(0).atMs()) / MS_PER_MINUTE;
        double floor = Math.max(NOISE_MIN_MIB * 1024.0 * 1024.0, medianRss(steady) * NOISE_PERCENT / 100.0) / minutes;
        boolean growing = fitted.lowPerMinute() > 0 && slope > floor;
        long increase = endsMedian(steady.subList(steady.size() - Math.min(ENDS, steady.size()), steady.size()))
                - endsMedian(steady.subList(0, Math.min(ENDS, steady.size())));
        return new RssGrowth(growing ? RssGrowth.GROWING : RssGrowth.STABLE, round(slope), round(fitted.lowPerMinute()),
                round(fitted.highPerMinute()), round(floor), increase, steady.get(0).atMs(), to, steady.size(), METHOD,
                null, forChart(curve));
    }

    /** A fitted slope with its 95% confidence interval, in bytes per minute. */
    record Slope(double perMinute, double lowPerMinute, double highPerMinute) {
    }

    /**
     * The Theil-Sen slope of {@code points} with Sen's 95% interval: the order statistics of the pairwise slopes at
     * ranks (N ∓ z·σ)/2, σ² = n(n-1)(2n+5)/18 being the variance of Kendall's S (no tie correction); null when no two
     * points differ in time.
     */
    static Slope theilSen(List<RssGrowth.Point> points) {
        double[] slopes = slopes(points);
        if (slopes.length == 0) {
            return null;
        }
        Arrays.sort(slopes);
        int n = points.size();
        double zSigma = Z95 * Math.sqrt(n * (n - 1.0) * (2.0 * n + 5) / 18.0);
        int low = (int) Math.max(0, Math.rint((slopes.length - zSigma) / 2.0) - 1);
        int high = (int) Math.min(slopes.length - 1, Math.rint((slopes.length + zSigma) / 2.0));
        return new Slope(median(slopes) * MS_PER_MINUTE, slopes[low] * MS_PER_MINUTE, slopes[high] * MS_PER_MINUTE);
    }

    private static RssGrowth unknown(List<RssGrowth.Point> curve, long samples, String reason) {
        return new RssGrowth(RssGrowth.UNKNOWN, null, null, null, null, null, null, null, samples, METHOD, reason,
                forChart(curve));
    }

    /** At most {@value #MAX_FIT_POINTS} points, evenly chosen: the pairs grow with the square of the points. */
    private static List<RssGrowth.Point> thinned(List<RssGrowth.Point> points) {
        if (points.size() <= MAX_FIT_POINTS) {
            return points;
        }
        RssGrowth.Point[] out = new RssGrowth.Point[MAX_FIT_POINTS];
        for (int i = 0; i < MAX_FIT_POINTS; i++) {
            out[i] = points.get((int) ((long) i * (points.size() - 1) / (MAX_FIT_POINTS - 1)));
        }
        return List.of(out);
    }

    /** The slope between every pair of points with distinct times, in bytes per ms. */
    private static double[] slopes(List<RssGrowth.Point> p) {
        double[] out = new double[p.size() * (p.size() - 1) / 2];
        int k = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int j = i + 1; j < p.size(); j++) {
                long dt = p.get(j).atMs() - p.get(i).atMs();
                if (dt != 0) {
                    out[k++] = (double) (p.get(j).bytes() - p.get(i).bytes()) / dt;
                }
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    private static double medianRss(List<RssGrowth.Point> points) {
        return median(points.stream().mapToDouble(RssGrowth.Point::bytes).sorted().toArray());
    }

    private static long endsMedian(List<RssGrowth.Point> points) {
        return Math.round(medianRss(points));
    }

    /** The curve as the report draws it: at most {@value #MAX_FIT_POINTS} points. */
    private static List<RssGrowth.Point> forChart(List<RssGrowth.Point> curve) {
        return thinned(curve);
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
