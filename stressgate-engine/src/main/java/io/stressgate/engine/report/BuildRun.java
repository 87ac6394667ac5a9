package io.stressgate.engine.report;

import io.stressgate.engine.result.RunResults;

/** A build of a job with the results of its run, as a host (the service, the plugin) hands it to {@link TrendBuilder}. */
public record BuildRun(String build, long number, String url, RunResults results) {
}
