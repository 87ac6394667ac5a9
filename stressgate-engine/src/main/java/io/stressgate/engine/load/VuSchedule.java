package io.stressgate.engine.load;

import io.stressgate.engine.scenario.ExecutorSpec;

/** How many virtual users the closed model wants at a moment of the phase: constant, or linear between stages. */
public final class VuSchedule {
    private final long[] stageEndNanos;
    private final int[] fromVus;
    private final int[] toVus;
    private final int max;

    private VuSchedule(long[] stageEndNanos, int[] fromVus, int[] toVus) {
        this.stageEndNanos = stageEndNanos;
        this.fromVus = fromVus;
        this.toVus = toVus;
        int m = 0;
        for (int i = 0; i < fromVus.length; i++) {
            m = Math.max(m, Math.max(fromVus[i], toVus[i]));
        }
        this.max = m;
    }

    public static VuSchedule of(ExecutorSpec executor) {
        if (executor instanceof ExecutorSpec.ConstantVus c) {
            return new VuSchedule(new long[] {c.duration().toNanos()}, new int[] {c.vus()}, new int[] {c.vus()});
        }
        if (executor instanceof ExecutorSpec.RampingVus r) {
            int n = r.stages().size();
            long[] ends = new long[n];
            int[] from = new int[n];
            int[] to = new int[n];
            long t = 0;
            int previous = r.startVus();
            for (int i = 0; i < n; i++) {
                t += r.stages().get(i).duration().toNanos();
                ends[i] = t;
                from[i] = previous;
                to[i] = r.stages().get(i).target();
                previous = to[i];
            }
            return new VuSchedule(ends, from, to);
        }
        throw new IllegalArgumentException(executor.type() + " is not a closed-model executor");
    }

    /** The most virtual users the schedule ever wants. */
    public int max() {
        return max;
    }

    /** Virtual users wanted at {@code nanos} from the phase start; 0 after the schedule ends. */
    public int vusAt(long nanos) {
        long start = 0;
        for (int i = 0; i < stageEndNanos.length; i++) {
            if (nanos < stageEndNanos[i]) {
                double share = (double) (nanos - start) / (stageEndNanos[i] - start);
                return (int) Math.round(fromVus[i] + (toVus[i] - fromVus[i]) * share);
            }
            start = stageEndNanos[i];
        }
        return 0;
    }

    /** When the schedule ends, in nanoseconds from the phase start. */
    public long endNanos() {
        return stageEndNanos[stageEndNanos.length - 1];
    }
}
