package io.stressgate.engine.result;

/** The value of a metric in a run, or why the run has none. */
public sealed interface MetricValue permits MetricValue.Present, MetricValue.AtLeast, MetricValue.Missing {
    /** A measured value, in the unit of the metric's dimension. */
    record Present(double value) implements MetricValue {
    }

    /**
     * A lower bound: the true value is {@code value} or more, and {@code why} says so (a load that did not break up
     * to its highest rate). It can keep a gate that asks for at least a limit, never one that asks for at most one.
     */
    record AtLeast(double value, String why) implements MetricValue {
    }

    /** The run did not produce this metric, and why. */
    record Missing(String reason) implements MetricValue {
    }

    static MetricValue of(double value) {
        return new Present(value);
    }

    static MetricValue missing(String reason) {
        return new Missing(reason);
    }
}
