package io.stressgate.engine.result;

/**
 * One load phase as it ran: when it started and ended (milliseconds from the run start), iterations started,
 * completed and cut short, iterations dropped by the open model, and the most virtual users or iterations in flight.
 */
public record PhaseSummary(String name, String executor, long startMs, long endMs, long iterations, long completed,
                           long interrupted, long dropped, long maxConcurrency) {
}
