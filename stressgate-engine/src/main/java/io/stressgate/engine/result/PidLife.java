package io.stressgate.engine.result;

/**
 * One process of a watched group over the run: when it was first and last seen (ms from run start), its highest
 * resident memory, and whether it still ran at the last sample; when it ended, its exit code and signal where known
 * (only for processes the tool started; null otherwise).
 */
public record PidLife(long pid, long firstSeenMs, long lastSeenMs, long peakRssBytes, boolean running,
                      Integer exitCode, String signal) {
}
