package io.stressgate.engine.tasks;

import java.util.function.Supplier;

/**
 * What the load generator tells job accounting about asynchronous jobs. Called from event-loop threads, once per
 * job event (never per request), so implementations must be thread-safe and quick.
 */
public interface JobEvents {
    /** The API accepted a job and returned its id. */
    void submitted(String jobId);

    /** A poll saw a done status, {@code endToEndMicros} after the submit was sent. */
    void completed(String jobId, long endToEndMicros);

    /** A poll saw a failed status. */
    void failed(String jobId, String status);

    /**
     * The iteration stopped polling (its job timeout passed, or the run ended) before the job finished;
     * {@code lastStatus} is the last status seen (null if none), {@code notFound} when the status URL said 404/410.
     */
    void unresolved(String jobId, String lastStatus, boolean notFound);

    /**
     * The iteration was cut short (its phase's graceful stop ran out, or the run is stopping) while the job was
     * open and its own timeout had not passed: not a timeout, the drain sweep follows it. {@code submittedNanos}
     * is when its submit was sent, on the {@link System#nanoTime()} line, so the sweep can time it end to end.
     */
    void stillOpen(String jobId, long submittedNanos, String lastStatus, boolean notFound);

    /**
     * The API accepted a submit (an expected status) but its body held no job id; {@code why} says so (status,
     * request, pointer, the body's start) and is only called when the sentence is wanted.
     */
    void unidentified(Supplier<String> why);
}
