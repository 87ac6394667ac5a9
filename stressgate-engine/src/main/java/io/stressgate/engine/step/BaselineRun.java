package io.stressgate.engine.step;

import io.stressgate.engine.result.RunResults;

/** An earlier build's run of the same scenario, used as a regression baseline. */
public record BaselineRun(long build, RunResults results) {
}
