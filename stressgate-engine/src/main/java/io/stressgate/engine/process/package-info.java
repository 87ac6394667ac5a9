/**
 * The processes under test, read from /proc: services started and stopped with their trees, probes, process tables, the
 * Redis endpoints the samplers and the job scans read, and the orphan, fd and port checks after a run.
 */
package io.stressgate.engine.process;
