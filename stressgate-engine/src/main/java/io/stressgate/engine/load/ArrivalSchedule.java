package io.stressgate.engine.load;

import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.Rate;
import java.util.ArrayList;
import java.util.List;

/**
 * When the open model intends to start each iteration, in nanoseconds from the phase start. Iteration {@code i}
 * (from 0) starts when the integral of the arrival rate reaches {@code i}: for a linear stage from r0 to r1 over T,
 * N(t) = r0*t + (r1-r0)*t^2/(2T), solved for t. The schedule is absolute, so a late generator never shifts later
 * arrivals; it only shows the lateness in their latency.
 */
public final class ArrivalSchedule {
    private final double[] stageStartNanos;
    private final double[] stageLengthNanos;
    private final double[] startRate;
    private final double[] endRate;
    private final double[] arrivalsBefore;
    private final long total;
    private final boolean allAtOnce;

    private ArrivalSchedule(List<double[]> stages, boolean allAtOnce) {
        this.allAtOnce = allAtOnce;
        int n = stages.size();
        stageStartNanos = new double[n];
        stageLengthNanos = new double[n];
        startRate = new double[n];
        endRate = new double[n];
        arrivalsBefore = new double[n + 1];
        double t = 0;
        for (int i = 0; i < n; i++) {
            double[] s = stages.get(i);
            stageStartNanos[i] = t;
            stageLengthNanos[i] = s[0];
            startRate[i] = s[1] / 1e9;
            endRate[i] = s[2] / 1e9;
            arrivalsBefore[i + 1] = arrivalsBefore[i] + (startRate[i] + endRate[i]) / 2 * s[0];
            t += s[0];
        }
        total = (long) Math.ceil(arrivalsBefore[n] - 1e-9);
    }

    /** The schedule of an open-model executor. */
    public static ArrivalSchedule of(ExecutorSpec executor) {
        List<double[]> stages = new ArrayList<>();
        if (executor instanceof ExecutorSpec.ConstantArrivalRate c) {
            stages.add(stage(c.duration().toNanos(), c.rate(), c.rate()));
        } else if (executor instanceof ExecutorSpec.RampingArrivalRate r) {
            Rate from = r.startRate();
            for (ExecutorSpec.RateStage s : r.stages()) {
                stages.add(stage(s.duration().toNanos(), from, s.target()));
                from = s.target();
            }
        } else if (executor instanceof ExecutorSpec.SteppingArrivalRate s) {
            for (int i = 0; i < s.steps(); i++) {
                stages.add(stage(s.stepDuration().toNanos(), s.rate(i), s.rate(i)));
            }
        } else if (executor instanceof ExecutorSpec.Burst b) {
            return burst(b.count(), b.spread().toNanos());
        } else {
            throw new IllegalArgumentException(executor.type() + " is not an open-model executor");
        }
        return new ArrivalSchedule(stages, false);
    }

    private static ArrivalSchedule burst(int count, long spreadNanos) {
        long length = Math.max(1, spreadNanos);
        double rate = count * 1e9 / length;
        return new ArrivalSchedule(List.of(new double[] {length, rate, rate}), spreadNanos == 0);
    }

    private static double[] stage(long nanos, Rate from, Rate to) {
        return new double[] {nanos, from.perSecond(), to.perSecond()};
    }

    /** How many iterations the schedule starts in all. */
    public long total() {
        return total;
    }

    /** The intended start of iteration {@code index} (0-based), in nanoseconds from the phase start. */
    public long startNanos(long index) {
        if (allAtOnce) {
            return 0;
        }
        double target = index;
        int stage = stageFor(target);
        double inStage = target - arrivalsBefore[stage];
        double r0 = startRate[stage];
        double r1 = endRate[stage];
        double length = stageLengthNanos[stage];
        double slope = (r1 - r0) / length;
        double t;
        if (Math.abs(slope) < 1e-30) {
            t = inStage / r0;
        } else {
            // r0*t + slope*t^2/2 = inStage
            double disc = r0 * r0 + 2 * slope * inStage;
            t = (-r0 + Math.sqrt(Math.max(0, disc))) / slope;
        }
        return Math.round(stageStartNanos[stage] + Math.min(Math.max(t, 0), length));
    }

    private int stageFor(double target) {
        int last = stageStartNanos.length - 1;
        for (int i = 0; i < last; i++) {
            if (target <= arrivalsBefore[i + 1] + 1e-9) {
                return i;
            }
        }
        return last;
    }
}
