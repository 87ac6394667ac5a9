/**
 * Watching the system under test while load runs: the machine and named process groups ({@link
 * io.stressgate.engine.metrics.ResourceSampler}), Redis queues ({@link io.stressgate.engine.metrics.QueueSampler}),
 * both on one 10 Hz schedule behind {@link io.stressgate.engine.metrics.Monitor}.
 *
 * <p>What is kept where, so a 24-hour run (864,000 ticks at 10 Hz) stays bounded: every row goes straight to
 * metrics.csv as it is finished (a few rows are held while both samplers finish a tick); results.json gets at most
 * {@code maxRows} rows (3,600 by default), each the per-bucket peak of its stretch, kept in memory as at most twice
 * that while running (about 2 MB for 30 columns); per queue at most 1,000 gaps; per process group at most 1,000
 * pids; and the previous tick's readings for CPU rates.
 *
 * <p>On Linux, processes and the machine are read from {@code /proc} (read and parse kept apart, parsing tested with
 * fixtures); elsewhere through OSHI, with its cache lowered so 10 Hz samples are fresh. Measured cost and the reasons
 * for this split are in {@code SamplerCostIT}.
 */
package io.stressgate.engine.metrics;
