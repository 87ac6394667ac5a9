package io.stressgate.engine.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The share of one load phase that one event loop runs: which iterations it starts, how many are in progress,
 * and the phase's counts on this loop. A phase runs on {@code participants} loops; this one is {@code slot}.
 * Runs on the loop thread only, except the volatile fields the control thread reads.
 */
abstract class PhaseRuntime {
    final EventLoop loop;
    final int index;
    final CompiledFlow flow;
    final long startNanos;
    final long scheduleEndNanos;
    final long thinkNanos;
    final int participants;
    final int slot;
    final List<Iteration> iterationsAllocated = new ArrayList<>();

    int active;
    long started;
    long completed;
    long interrupted;
    long dropped;
    int maxConcurrency;
    boolean stopping;
    volatile boolean finished;
    volatile long endedAtNanos;
    /** When this share last started an iteration (0: never); read by the control thread after the loop ended. */
    long lastLaunchNanos;


    PhaseRuntime(EventLoop loop, int index, CompiledFlow flow, long startNanos, long durationNanos, long thinkNanos,
                 int participants, int slot) {
        this.loop = loop;
        this.index = index;
        this.flow = flow;
        this.startNanos = startNanos;
        this.scheduleEndNanos = startNanos + durationNanos;
        this.thinkNanos = thinkNanos;
        this.participants = participants;
        this.slot = slot;
    }

    /** Called on the loop thread when the phase starts. */
    void begin(long now) {
        schedule(now);
    }

    /** Starts the executor's own timers. */
    abstract void schedule(long now);

    /** The schedule is over: start no new iterations; those in progress may finish. */
    void stop(long now) {
        stopping = true;
        onStop(now);
        checkFinished(now);
    }

    /** What the executor does when its schedule ends. */
    abstract void onStop(long now);

    /** Interrupts every iteration still in progress (the graceful stop ran out, or the run is stopping). */
    void abort(long now) {
        stop(now);
        for (Iteration it : iterationsAllocated) {
            if (it.active) {
                loop.flows.interrupt(it, now);
            } else if (it.thinking) {
                loop.timers.cancel(it);
                it.thinking = false;
            }
        }
        checkFinished(now);
    }

    Iteration newIteration() {
        Iteration it = new Iteration(this, flow.slots.size());
        iterationsAllocated.add(it);
        return it;
    }

    /** Starts {@code it} now; its latency counts from {@code latencyStart}. */
    void launch(Iteration it, long vu, long latencyStart, long now) {
        it.begin(vu, (started++) * participants + slot + 1, latencyStart);
        lastLaunchNanos = now;
        active++;
        if (active > maxConcurrency) {
            maxConcurrency = active;
        }
        loop.flows.start(it, now);
    }

    /** An iteration ended: completed, failed, or interrupted. */
    void iterationEnded(Iteration it, boolean ok, boolean wasInterrupted, long now) {
        active--;
        if (wasInterrupted) {
            interrupted++;
        } else if (ok) {
            completed++;
        }
        afterIteration(it, wasInterrupted, now);
        checkFinished(now);
    }

    /** What the executor does with an iteration that ended (a virtual user thinks and goes again). */
    abstract void afterIteration(Iteration it, boolean wasInterrupted, long now);

    /** A virtual user's think time is over. */
    void thinkOver(Iteration it, long now) {
        afterIteration(it, false, now);
    }

    void checkFinished(long now) {
        if (stopping && active == 0 && !finished) {
            endedAtNanos = now;
            finished = true;
            loop.phaseFinished(this);
        }
    }
}
