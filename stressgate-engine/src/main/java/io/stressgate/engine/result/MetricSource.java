package io.stressgate.engine.result;

import io.stressgate.engine.scenario.MetricRef;

/** Where gates find the values of the metrics they name: finished results, or the live figures of a run. */
@FunctionalInterface
public interface MetricSource {
    MetricValue value(MetricRef metric);
}
