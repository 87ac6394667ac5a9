package io.stressgate.engine.imports;

/**
 * One interval of an imported run, ending {@code endMs} milliseconds after its start: requests and failures in the
 * interval, the users the tool ran (null when the file does not say), and latency as a rebuilt histogram or as the
 * tool's own figures for the interval (Locust reports a sliding window, not the interval alone).
 */
public record IntervalFigures(long endMs, long requests, long failures, Long users, String histogram,
                              ReportedLatency reported) {
}
