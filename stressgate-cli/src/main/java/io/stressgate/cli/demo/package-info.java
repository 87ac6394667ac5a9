/**
 * The built-in demo system that stressgate demo starts on loopback: an HTTP API, an embedded Redis and workers, with
 * the faults it plants for a run to find (a lost job, an orphaned helper).
 */
package io.stressgate.cli.demo;
