package io.stressgate.engine.result;

/**
 * One interval of the time series: {@code t} is the end of the interval in seconds from the run start; latency
 * figures in milliseconds are null when nothing was timed; {@code histogram} is the interval's compressed
 * histogram (overall series only).
 */
public record IntervalPoint(double t, long requests, long errors, long dropped, double rps, Double p50, Double p95,
                            Double p99, Double max, long inFlight, EncodedHistogram histogram) {
}
