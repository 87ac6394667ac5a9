package io.stressgate.engine.tasks;

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
}
