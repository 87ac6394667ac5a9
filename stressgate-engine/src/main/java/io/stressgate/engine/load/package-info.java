/**
 * The HTTP load generator: open and closed models on a few event loops, compiled requests and flows, and per-request
 * and per-interval HdrHistograms.
 */
package io.stressgate.engine.load;
