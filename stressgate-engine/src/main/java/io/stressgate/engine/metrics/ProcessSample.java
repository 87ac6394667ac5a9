package io.stressgate.engine.metrics;

/**
 * One reading of one process: its identity (pid and start time, so a reused pid is not mistaken for the old
 * process), CPU time used so far, resident memory, threads and open file descriptors ({@code -1} when unreadable).
 */
public record ProcessSample(long pid, long startTime, long cpuNanos, long rssBytes, long threads, long fds) {
}
