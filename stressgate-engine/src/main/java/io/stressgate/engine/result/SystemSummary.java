package io.stressgate.engine.result;

/** Peaks of the machine over the run. */
public record SystemSummary(long memoryTotalBytes, long memoryMaxBytes, double cpuMaxPercent, double loadMax,
                            long swapMaxBytes) {
}
