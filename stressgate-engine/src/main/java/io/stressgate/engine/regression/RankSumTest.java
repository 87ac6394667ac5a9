package io.stressgate.engine.regression;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U (Wilcoxon rank-sum) test. Samples without ties of at most {@value #EXACT_LIMIT} values
 * a side get the exact p-value; all others the normal approximation with the tie correction of the variance and a
 * continuity correction of 0.5, which is what statistics packages report as the asymptotic method.
 */
public final class RankSumTest {
    /** The largest sample size (each side) for which the exact distribution of U is used. */
    public static final int EXACT_LIMIT = 20;

    /** Tests the candidate sample against the baseline sample; both need at least one finite value. */
    public RankSumResult test(double[] candidate, double[] baseline) {
        requireSample("candidate", candidate);
        requireSample("baseline", baseline);
        int n1 = candidate.length;
        int n2 = baseline.length;
        Ranking ranking = rank(candidate, baseline);
        double u = ranking.candidateRankSum() - n1 * (n1 + 1) / 2.0;
        double pairs = (double) n1 * n2;
        double delta = 2 * u / pairs - 1;
        if (ranking.tieTerm() == 0 && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
            double p = Math.min(1, 2 * exactCdf(n1, n2, (int) Math.round(Math.min(u, pairs - u))));
            return new RankSumResult(n1, n2, u, zScore(u, n1, n2, 0), p, delta, u / pairs, RankSumResult.Method.EXACT);
        }
        double z = zScore(u, n1, n2, ranking.tieTerm());
        double p = Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
        return new RankSumResult(n1, n2, u, z, p, delta, u / pairs, RankSumResult.Method.NORMAL);
    }

    /** The rank sum of the candidate (ties get their average rank) and the tie term: the sum of t^3 - t over tie groups. */
    private record Ranking(double candidateRankSum, double tieTerm) {
    }

    private static Ranking rank(double[] candidate, double[] baseline) {
        int n = candidate.length + baseline.length;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < candidate.length ? candidate[i] : baseline[i - candidate.length];
        }
        Integer[] index = new Integer[n];
        Arrays.setAll(index, i -> i);
        Arrays.sort(index, (a, b) -> Double.compare(values[a], values[b]));
        double rankSum = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[index[end + 1]] == values[index[start]]) {
                end++;
            }
            double averageRank = (start + end + 2) / 2.0;
            long t = end - start + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = start; k <= end; k++) {
                if (index[k] < candidate.length) {
                    rankSum += averageRank;
                }
            }
            start = end + 1;
        }
        return new Ranking(rankSum, tieTerm);
    }

    private static double zScore(double u, int n1, int n2, double tieTerm) {
        double n = n1 + n2;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) {
            return 0;
        }
        double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        return Math.signum(u - mean) * distance / Math.sqrt(variance);
    }

    /**
     * P(U <= u) under the null hypothesis, counting the arrangements of n1 candidate and n2 baseline values by the
     * recurrence f(m, k, u) = f(m - 1, k, u - k) + f(m, k - 1, u): the largest value is either a candidate value that
     * beats all k baseline values, or a baseline value.
     */
    static double exactCdf(int n1, int n2, int u) {
        int max = n1 * n2;
        double[][][] counts = new double[n1 + 1][n2 + 1][];
        for (int m = 0; m <= n1; m++) {
            for (int k = 0; k <= n2; k++) {
                double[] c = new double[m * k + 1];
                if (m == 0 || k == 0) {
                    c[0] = 1;
                } else {
                    for (int v = 0; v < c.length; v++) {
                        double withCandidateLast = v - k >= 0 && v - k < counts[m - 1][k].length ? counts[m - 1][k][v - k] : 0;
                        double withBaselineLast = v < counts[m][k - 1].length ? counts[m][k - 1][v] : 0;
                        c[v] = withCandidateLast + withBaselineLast;
                    }
                }
                counts[m][k] = c;
            }
        }
        double[] distribution = counts[n1][n2];
        double below = 0;
        double total = 0;
        for (int v = 0; v <= max; v++) {
            total += distribution[v];
            if (v <= u) {
                below += distribution[v];
            }
        }
        return below / total;
    }

    /**
     * The complementary error function by the Chebyshev fit of Numerical Recipes (section 6.2), whose fractional
     * error is below 1.2e-7 everywhere: ample for p-values compared against levels such as 0.05.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double ans = t * Math.exp(poly);
        return x >= 0 ? ans : 2 - ans;
    }

    private static void requireSample(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("the " + name + " sample is empty");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the " + name + " sample holds " + v + ", not a finite number");
            }
        }
    }
}
