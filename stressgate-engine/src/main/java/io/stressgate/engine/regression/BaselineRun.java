package io.stressgate.engine.regression;

import io.stressgate.engine.result.RunResults;

/** An earlier run of the same job and scenario, as a host (the service, the plugin, the CLI) hands it over. */
public record BaselineRun(String id, long build, RunResults results) {
}
