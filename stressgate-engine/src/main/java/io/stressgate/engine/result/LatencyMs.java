package io.stressgate.engine.result;

/** Latency percentiles and moments in milliseconds, from one merged histogram. */
public record LatencyMs(double p50, double p90, double p95, double p99, double p999, double max, double min,
                        double mean, double stddev) {
}
