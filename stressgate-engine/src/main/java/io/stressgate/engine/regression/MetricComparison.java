package io.stressgate.engine.regression;

/**
 * One metric of a run against its baseline: both values (null when not measured), the change (relative for latency
 * and throughput, in percentage points for the error rate; null when it cannot be computed) as text with its limit,
 * whether the limit was exceeded, the rank test on the per-interval samples (null when not run, then
 * {@code testNote} says why), whether this counts as a regression, and a sentence saying all of it.
 */
public record MetricComparison(String metric, String unit, Double baseline, Double candidate, Double change,
                               String changeText, String limitText, boolean thresholdExceeded, RankSumResult test,
                               String testNote, boolean regression, String message) {
}
