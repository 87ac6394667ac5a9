/**
 * Job accounting (no task loss): the {@link io.stressgate.engine.tasks.JobLedger} counts what the load generator
 * reports through {@link io.stressgate.engine.tasks.JobEvents}; after the load, {@link
 * io.stressgate.engine.tasks.JobAccountant} sweeps the status of open jobs, scans the completions log for
 * duplicates and for open jobs a worker finished, and settles every job as completed, failed, pending, lost or
 * duplicated. Memory follows the jobs still open, plus one 64-bit fingerprint per distinct id while the completions
 * log is scanned.
 */
package io.stressgate.engine.tasks;
