package io.stressgate.engine.load;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.scenario.ExecutorSpec;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The open model on one loop: iterations start at the times the arrival schedule intends, whatever the system
 * does. Latency counts from the intended time, so a stalled system shows in the percentiles. An arrival that finds
 * no idle connection while the loop runs behind its schedule, or once this turn of the loop has opened its few new
 * ones, waits for the next connection to come free (as wrk2 keeps a fixed set of connections) instead of opening one
 * more; its latency still runs from its intended time. An arrival that finds {@code maxInFlight} iterations already
 * in progress or waiting is counted as dropped, never silently skipped.
 */
final class OpenPhase extends PhaseRuntime {
    /**
     * Arrivals started per turn of the loop before it reads again: a generator that fell behind must not spend
     * itself on sending alone while the answers that would free its connections wait unread (measured: with 4096,
     * a start-up hiccup at 30,000/s grew into 2,000 new connections and thousands dropped).
     */
    private static final int MAX_BATCH = 32;
    /**
     * New connections a turn of the loop may open for arrivals that found none idle; the others wait for one to come
     * free. After a stall the late arrivals would otherwise each open one at once, and connecting costs the loop (and
     * the target) several times a request, just when it has the most to catch up.
     */
    private static final int OPENS_PER_TURN = 8;
    /**
     * How late the schedule may run before the loop counts itself behind: then a new connection would not help (the
     * loop, not the connections, is short), so arrivals wait for the ones it has. Above the 1 ms a timer may be late.
     */
    private static final long BEHIND_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How soon arrivals that wait are looked at again when nothing else wakes the phase. */
    private static final long WAIT_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ArrivalSchedule schedule;
    private final int cap;
    private final ArrayDeque<Iteration> free = new ArrayDeque<>();
    private final Histogram lag;
    /** Intended start times of the arrivals waiting for a connection, oldest first, as a ring. */
    private final long[] waiting;
    private int waitHead;
    private int waitCount;
    private int opensLeft = OPENS_PER_TURN;
    private boolean behind;
    /** A burst's users each open their own connection at once, as the storm's did: none of them waits. */
    private final boolean storm;
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
        this.waiting = new long[Math.max(1, cap)];
        this.next = slot;
        this.lag = lag;
        this.storm = executor instanceof ExecutorSpec.Burst;
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
        opensLeft = OPENS_PER_TURN;
        behind = next < schedule.total() && now - (startNanos + schedule.startNanos(next)) > BEHIND_NANOS;
        startWaiting(now);
        int batch = 0;
        while (next < schedule.total() && batch < MAX_BATCH) {
            long intended = startNanos + schedule.startNanos(next);
            if (intended - now > 0) {
                loop.timers.schedule(arrivals, waitCount > 0 ? Math.min(intended, now + WAIT_RECHECK_NANOS) : intended);
                return;
            }
            startOrDrop(intended, now);
            next += participants;
            batch++;
        }
        if (next < schedule.total()) {
            loop.timers.schedule(arrivals, now);
        } else if (waitCount > 0) {
            loop.timers.schedule(arrivals, now + WAIT_RECHECK_NANOS);
        } else {
            stop(now);
        }
    }

    private void startOrDrop(long intended, long now) {
        Histograms.record(lag, (now - intended) / 1000);
        if (active + waitCount >= cap) {
            dropped++;
            loop.stats.dropped(flow.first().name);
        } else if (waitCount == 0 && mayConnect()) {
            start(intended, now);
        } else {
            waiting[(waitHead + waitCount++) % waiting.length] = intended;
        }
    }

    /** Starts the waiting arrivals, oldest first, while connections are there for them. */
    private void startWaiting(long now) {
        while (waitCount > 0 && mayConnect()) {
            long intended = waiting[waitHead];
            waitHead = (waitHead + 1) % waiting.length;
            waitCount--;
            start(intended, now);
        }
    }

    /**
     * True when the flow's first request finds a connection, or when the loop is on schedule and this turn may still
     * open one (a target slower than the connections there are: more are needed).
     */
    private boolean mayConnect() {
        if (storm || loop.pool.ready(flow.first().origin)) {
            return true;
        }
        if ((!behind || active == 0) && opensLeft > 0) { // with none in progress, none would come free
            opensLeft--;
            return true;
        }
        return false;
    }

    private void start(long intended, long now) {
        Iteration it = free.pollLast();
        if (it == null) {
            it = newIteration();
        }
        launch(it, active + 1, intended, now);
    }

    /** Stopped before its schedule ran out (the run stops, a step broke): arrivals still waiting never start. */
    @Override
    void onStop(long now) {
        loop.timers.cancel(arrivals);
        dropped += waitCount;
        for (; waitCount > 0; waitCount--) {
            loop.stats.dropped(flow.first().name);
        }
    }

    @Override
    void afterIteration(Iteration it, boolean wasInterrupted, long now) {
        free.addLast(it);
        if (!wasInterrupted && waitCount > 0) {
            startWaiting(now); // its connection just came free
        }
    }
}
