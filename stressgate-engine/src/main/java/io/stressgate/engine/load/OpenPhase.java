package io.stressgate.engine.load;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.scenario.ExecutorSpec;
import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;

/**
 * The open model on one loop: iterations start at the times the arrival schedule intends, whatever the system
 * does. Latency counts from the intended time, so a stalled system shows in the percentiles; an iteration that
 * cannot start because {@code maxInFlight} are already in progress is counted as dropped, never silently skipped.
 */
final class OpenPhase extends PhaseRuntime {
    /**
     * Arrivals started per turn of the loop before it reads again: a generator that fell behind must not spend
     * itself on sending alone while the answers that would free its connections wait unread (measured: with 4096,
     * a start-up hiccup at 30,000/s grew into 2,000 new connections and thousands dropped).
     */
    private static final int MAX_BATCH = 32;

    private final ArrivalSchedule schedule;
    private final int cap;
    private final ArrayDeque<Iteration> free = new ArrayDeque<>();
    private final Histogram lag;
    private long next;
    private final TimerHeap.Timed arrivals = new TimerHeap.Timed() {
        @Override
        void fire(long now) {
            arrive(now);
        }
    };

    OpenPhase(EventLoop loop, int index, CompiledFlow flow, ExecutorSpec executor, int maxInFlight, long startNanos,
              int participants, int slot, Histogram lag) {
        super(loop, index, flow, startNanos, executor.duration().toNanos(), 0, participants, slot);
        this.schedule = ArrivalSchedule.of(executor);
        this.cap = maxInFlight / participants + (slot < maxInFlight % participants ? 1 : 0);
        this.next = slot;
        this.lag = lag;
    }

    @Override
    void schedule(long now) {
        if (next < schedule.total()) {
            loop.timers.schedule(arrivals, startNanos + schedule.startNanos(next));
        } else {
            stop(now);
        }
    }

    private void arrive(long now) {
        int batch = 0;
        while (next < schedule.total() && batch < MAX_BATCH) {
            long intended = startNanos + schedule.startNanos(next);
            if (intended - now > 0) {
                loop.timers.schedule(arrivals, intended);
                return;
            }
            startOrDrop(intended, now);
            next += participants;
            batch++;
        }
        if (next < schedule.total()) {
            loop.timers.schedule(arrivals, now);
        } else {
            stop(now);
        }
    }

    private void startOrDrop(long intended, long now) {
        Histograms.record(lag, (now - intended) / 1000);
        if (active >= cap) {
            dropped++;
            loop.stats.dropped(flow.first().name);
            return;
        }
        Iteration it = free.pollLast();
        if (it == null) {
            it = newIteration();
        }
        launch(it, active + 1, intended, now);
    }

    @Override
    void onStop(long now) {
        loop.timers.cancel(arrivals);
    }

    @Override
    void afterIteration(Iteration it, boolean wasInterrupted, long now) {
        free.addLast(it);
    }
}
