package io.stressgate.engine.load;

import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.BreakingStep;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.MetricRef;
import io.stressgate.engine.scenario.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides each step of a stepping-arrival-rate phase: it adds up the run's merged intervals that fall in the step
 * (the phase starts on an interval boundary and a step is a whole number of intervals, so they fit exactly), keeps
 * the deepest sampled depth of each queue during the step, and at the step's end checks the stop conditions on
 * those figures. A condition it cannot decide (nothing timed, a queue not sampled) breaks the step and says why: a
 * step proven by no data did not hold. Runs on the control thread only.
 */
final class StepJudge {
    private final String phase;
    private final ExecutorSpec.SteppingArrivalRate spec;
    private final List<String> names;
    private final List<String> queues;
    private final MetricSource samplers;
    private final long firstInterval;
    private final int intervalsPerStep;
    private final long stepNanos;
    private final long phaseStartNanos;
    private final NameStats[] window;
    private final double[] queueMax;
    private final List<BreakingStep> steps = new ArrayList<>();
    private int step;
    private BreakingPoint.Outcome outcome;
    private String reason;

    /**
     * @param firstInterval the index of the run's interval the phase starts with
     * @param samplers where queue depths are read while the load runs
     */
    StepJudge(String phase, ExecutorSpec.SteppingArrivalRate spec, List<String> names, List<String> queues,
              MetricSource samplers, long firstInterval, long intervalNanos, long phaseStartNanos) {
        this.phase = phase;
        this.spec = spec;
        this.names = List.copyOf(names);
        this.queues = List.copyOf(queues);
        this.samplers = samplers;
        this.firstInterval = firstInterval;
        this.stepNanos = spec.stepDuration().toNanos();
        this.intervalsPerStep = (int) (stepNanos / intervalNanos);
        this.phaseStartNanos = phaseStartNanos;
        this.window = new NameStats[names.size()];
        for (int i = 0; i < window.length; i++) {
            window[i] = new NameStats();
        }
        this.queueMax = new double[queues.size()];
        resetQueues();
    }

    /** True once a step broke or the last step was decided: later intervals belong to no step. */
    boolean decided() {
        return outcome != null;
    }

    /** True when the last decided step broke. */
    boolean broke() {
        return outcome == BreakingPoint.Outcome.BROKE;
    }

    /** Reads each queue's depth now and keeps the deepest of the current step. */
    void sample(long now) {
        if (decided() || queues.isEmpty() || now - phaseStartNanos < 0) {
            return;
        }
        for (int q = 0; q < queues.size(); q++) {
            MetricValue v = samplers.value(queueRef(queues.get(q), "depth"));
            if (v instanceof MetricValue.Present p) {
                queueMax[q] = Math.max(queueMax[q], p.value());
            }
        }
    }

    /**
     * One merged interval of the run ({@code merged} per request name, in {@link #names} order); returns true when
     * it ended a step.
     */
    boolean interval(long index, NameStats[] merged) {
        if (decided() || index < firstInterval + (long) step * intervalsPerStep) {
            return false;
        }
        for (int i = 0; i < window.length; i++) {
            window[i].add(merged[i]);
        }
        if (index < firstInterval + (long) (step + 1) * intervalsPerStep - 1) {
            return false;
        }
        decideStep();
        return true;
    }

    /** Decides the step in progress when the phase ends before its last interval was merged (the run is over). */
    void finish(boolean cutShort) {
        if (decided()) {
            return;
        }
        if (cutShort) {
            outcome = BreakingPoint.Outcome.CUT_SHORT;
            reason = "the run stopped during the step at " + rateText(spec.rate(step)) + ", before the phase broke or reached "
                    + rateText(spec.rate(spec.steps() - 1));
            return;
        }
        decideStep();
    }

    private void decideStep() {
        double rate = spec.rate(step).perSecond();
        MetricSource figures = figures();
        String broken = null;
        for (ExecutorSpec.StopCondition c : spec.stopWhen()) {
            broken = check(c, figures);
            if (broken != null) {
                break;
            }
        }
        steps.add(stepFigures(rate, broken == null));
        if (broken != null) {
            outcome = BreakingPoint.Outcome.BROKE;
            reason = broken;
        } else if (step == spec.steps() - 1) {
            outcome = BreakingPoint.Outcome.HELD_TO_MAX;
            reason = "did not break up to max " + rateText(spec.max());
        }
        step++;
        for (NameStats s : window) {
            s.reset();
        }
        resetQueues();
    }

    /** Why the condition stops the phase on this step's figures, or null when it does not. */
    private String check(ExecutorSpec.StopCondition c, MetricSource figures) {
        var e = c.expression();
        MetricValue v = figures.value(e.metric());
        if (v instanceof MetricValue.Missing m) {
            return "\"" + e.text() + "\" could not be decided, so the step did not hold: " + e.metric()
                    + " was not measured in the step at " + rateText(spec.rate(step)) + " (" + m.reason() + ")";
        }
        double value = ((MetricValue.Present) v).value();
        return e.holds(value) ? "\"" + e.text() + "\": " + e.metric() + " was " + e.dimension().format(value)
                + " in the step at " + rateText(spec.rate(step)) : null;
    }

    private MetricSource figures() {
        MetricSource http = new ResultsMetrics(new RunResults.Builder().load(summaries()).build());
        return metric -> metric.family().equals("queue") ? queue(metric) : http.value(metric);
    }

    private Map<String, LoadSummary> summaries() {
        double seconds = stepNanos / 1e9;
        Map<String, LoadSummary> out = new LinkedHashMap<>();
        NameStats sum = new NameStats();
        for (NameStats s : window) {
            sum.add(s);
        }
        out.put(RunResults.ALL, Aggregator.summary(sum, seconds));
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), Aggregator.summary(window[i], seconds));
        }
        return out;
    }

    private MetricValue queue(MetricRef metric) {
        int q = queues.indexOf(metric.label("name"));
        if (q < 0) {
            return MetricValue.missing("no queue named " + metric.label("name") + " is sampled");
        }
        if (metric.stat().equals("depth")) {
            return samplers.value(metric);
        }
        return queueMax[q] < 0 ? MetricValue.missing("queue " + queues.get(q) + " had no sample during the step")
                : MetricValue.of(queueMax[q]);
    }

    private BreakingStep stepFigures(double rate, boolean held) {
        NameStats sum = new NameStats();
        for (NameStats s : window) {
            sum.add(s);
        }
        boolean timed = sum.latency.getTotalCount() > 0;
        Double p95 = timed ? io.stressgate.engine.result.Histograms.percentileMs(sum.latency, 95) : null;
        Double errorRate = sum.requests == 0 ? null : Math.round(sum.errors * 1e6 / sum.requests) / 1e6;
        double deepest = -1;
        for (double d : queueMax) {
            deepest = Math.max(deepest, d);
        }
        return new BreakingStep(rate, sum.requests, p95, errorRate, sum.dropped, deepest < 0 ? null : (long) deepest, held);
    }

    private void resetQueues() {
        java.util.Arrays.fill(queueMax, -1);
    }

    private static MetricRef queueRef(String name, String stat) {
        return new MetricRef("queue", Map.of("name", name), stat);
    }

    private static String rateText(io.stressgate.engine.scenario.Rate rate) {
        return Quantities.formatNumber(rate.perSecond()) + "/s";
    }

    /** What the search found; {@code rate} is the last step that held. */
    BreakingPoint result() {
        Double held = null;
        Double brokeAt = null;
        for (BreakingStep s : steps) {
            if (s.held()) {
                held = s.rate();
            } else {
                brokeAt = s.rate();
            }
        }
        BreakingPoint.Outcome o = outcome == null ? BreakingPoint.Outcome.CUT_SHORT : outcome;
        String why = reason == null ? "the phase never ran a whole step" : reason;
        return new BreakingPoint(phase, o, held, brokeAt, why, spec.max().perSecond(), spec.stepDuration().toMillis(), steps);
    }
}
