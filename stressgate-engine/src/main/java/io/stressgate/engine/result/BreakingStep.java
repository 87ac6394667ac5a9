package io.stressgate.engine.result;

/**
 * One step of a breaking-point search: its arrival rate, the responses that arrived during it (their count, p95 in
 * ms, error rate; null when nothing was timed or sent), the iterations it dropped, the deepest any sampled queue was
 * during it (null without queues), and whether every stop condition stayed false.
 */
public record BreakingStep(double rate, long requests, Double p95Ms, Double errorRate, long dropped, Long queueMax,
                           boolean held) {
}
