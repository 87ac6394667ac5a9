package io.stressgate.engine.regression;

import io.stressgate.engine.scenario.Severity;

/**
 * How far a run may move away from its baseline before it counts as a regression, and how sure the latency test
 * must be: relative limits for p95, p99 and throughput, an absolute limit in percentage points for the error rate,
 * the significance level and the fewest per-interval samples a rank test needs, how many PASSED runs make the
 * baseline (K), and the severity of the gates a regression breaks.
 */
public record RegressionPolicy(double p95MaxIncrease, double p99MaxIncrease, double rpsMaxDrop, double errorRateMaxRise,
                               double alpha, int minSamples, int baselineRuns, Severity severity) {
    /** p95 and p99 +10%, rps -10%, error rate +1 point, alpha 0.05, 10 samples, 5 baseline runs, unstable. */
    public static final RegressionPolicy DEFAULT = new RegressionPolicy(0.10, 0.10, 0.10, 0.01, 0.05, 10, 5, Severity.UNSTABLE);

    public RegressionPolicy {
        requireShare("p95MaxIncrease", p95MaxIncrease, 100);
        requireShare("p99MaxIncrease", p99MaxIncrease, 100);
        requireShare("rpsMaxDrop", rpsMaxDrop, 1);
        requireShare("errorRateMaxRise", errorRateMaxRise, 1);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie between 0 and 1, not " + alpha);
        }
        if (minSamples < 2) {
            throw new IllegalArgumentException("a rank test needs at least 2 samples a side, not " + minSamples);
        }
        if (baselineRuns < 1) {
            throw new IllegalArgumentException("the baseline needs at least one run, not " + baselineRuns);
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity is required");
        }
    }

    /** The same policy with another baseline size. */
    public RegressionPolicy withBaselineRuns(int runs) {
        return new RegressionPolicy(p95MaxIncrease, p99MaxIncrease, rpsMaxDrop, errorRateMaxRise, alpha, minSamples, runs, severity);
    }

    private static void requireShare(String name, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(name + " must lie between 0 and " + max + ", not " + value);
        }
    }
}
