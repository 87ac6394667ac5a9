package io.stressgate.engine.load;

import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.LoadPhase;
import java.util.ArrayList;
import java.util.List;

/** The control thread's view of one phase: when it may start, its share on each loop, and when it ended. */
final class PhaseControl {
    enum State { WAITING, RUNNING, FINISHED, SKIPPED }

    /** How much of an open phase's arrivals {@link #preconnections} covers with ready connections. */
    static final long PRECONNECT_WINDOW_NANOS = 5_000_000;

    final LoadPhase phase;
    final int index;
    final CompiledFlow flow;
    final List<PhaseRuntime> shares = new ArrayList<>();
    State state = State.WAITING;
    long startNanos;
    long endNanos;
    boolean aborted;
    /** Decides the steps of a stepping-arrival-rate phase; null for every other executor. */
    StepJudge judge;
    /** The judge decided the phase's last step (it broke, or the last step held): nothing more to watch. */
    boolean stepStopped;

    PhaseControl(LoadPhase phase, int index, CompiledFlow flow) {
        this.phase = phase;
        this.index = index;
        this.flow = flow;
    }

    /** How many loops the phase runs on: never more than it has users or iterations in flight. */
    int participants(int loops) {
        ExecutorSpec e = phase.executor();
        int width;
        if (e instanceof ExecutorSpec.ConstantVus c) {
            width = c.vus();
        } else if (e instanceof ExecutorSpec.RampingVus r) {
            width = r.maxVus();
        } else if (e instanceof ExecutorSpec.ConstantArrivalRate c) {
            width = c.maxInFlight();
        } else if (e instanceof ExecutorSpec.RampingArrivalRate r) {
            width = r.maxInFlight();
        } else if (e instanceof ExecutorSpec.SteppingArrivalRate s) {
            width = s.maxInFlight();
        } else {
            width = ((ExecutorSpec.Burst) e).maxInFlight();
        }
        return Math.max(1, Math.min(loops, width));
    }

    /**
     * How many connections a steady open phase wants ready before its first arrival: what its peak rate starts in
     * {@link #PRECONNECT_WINDOW_NANOS} (Little's law for a fast response), at least 1 per loop and at most its
     * {@code maxInFlight}. Without them the first arrivals each open a connection at once, and on a fast target that
     * storm of connects costs more than the load (measured: hundreds of ms of lag and thousands dropped at 30,000/s).
     * None for a burst, whose users arrive cold as the storm's did, for https, whose handshake belongs to an
     * exchange, or for the closed model, whose users connect one each.
     */
    int preconnections(int loops) {
        ExecutorSpec e = phase.executor();
        double peak;
        if (e instanceof ExecutorSpec.ConstantArrivalRate c) {
            peak = c.rate().perSecond();
        } else if (e instanceof ExecutorSpec.RampingArrivalRate r) {
            peak = r.stages().stream().mapToDouble(s -> s.target().perSecond()).max().orElse(0);
            peak = Math.max(peak, r.startRate().perSecond());
        } else if (e instanceof ExecutorSpec.SteppingArrivalRate s) {
            peak = s.rate(s.steps() - 1).perSecond();
        } else {
            return 0;
        }
        if (flow.first().origin.tls() || peak == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(peak * PRECONNECT_WINDOW_NANOS / 1e9);
        return (int) Math.min(maxInFlight(), Math.max(participants(loops), wanted));
    }

    int maxInFlight() {
        ExecutorSpec e = phase.executor();
        if (e instanceof ExecutorSpec.ConstantArrivalRate c) {
            return c.maxInFlight();
        }
        if (e instanceof ExecutorSpec.RampingArrivalRate r) {
            return r.maxInFlight();
        }
        if (e instanceof ExecutorSpec.SteppingArrivalRate s) {
            return s.maxInFlight();
        }
        return ((ExecutorSpec.Burst) e).maxInFlight();
    }

    boolean allSharesFinished() {
        return shares.stream().allMatch(s -> s.finished);
    }

    /** When the phase last started an iteration on any loop, or 0 when it started none. */
    long lastLaunch() {
        return shares.stream().mapToLong(s -> s.lastLaunchNanos).filter(n -> n != 0).max().orElse(0);
    }

    long lastShareEnd() {
        return shares.stream().mapToLong(s -> s.endedAtNanos).max().orElse(startNanos);
    }

    PhaseSummary summary(long runStart) {
        long started = 0;
        long completed = 0;
        long interrupted = 0;
        long dropped = 0;
        long concurrency = 0;
        for (PhaseRuntime s : shares) {
            started += s.started;
            completed += s.completed;
            interrupted += s.interrupted;
            dropped += s.dropped;
            concurrency += s.maxConcurrency;
        }
        long start = state == State.SKIPPED ? 0 : (startNanos - runStart) / 1_000_000;
        long end = state == State.SKIPPED ? 0 : (endNanos - runStart) / 1_000_000;
        return new PhaseSummary(phase.name(), phase.executor().type(), start, Math.max(start, end), started, completed,
                interrupted, dropped, concurrency);
    }
}
