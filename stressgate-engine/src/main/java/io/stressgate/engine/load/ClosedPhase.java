package io.stressgate.engine.load;

import io.stressgate.engine.scenario.ExecutorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed model on one loop: virtual users that each run an iteration, think, and go again. The number of
 * users follows the schedule (checked every 100 ms); users above the target finish their iteration and rest.
 * A slow system slows the users down: the closed model measures what users see, not what arrives.
 */
final class ClosedPhase extends PhaseRuntime {
    private static final long TICK_NANOS = 100_000_000L;

    private final VuSchedule schedule;
    private final List<Iteration> users = new ArrayList<>();
    private final TimerHeap.Timed ticker = new TimerHeap.Timed() {
        @Override
        void fire(long now) {
            adjust(now);
        }
    };
    private final TimerHeap.Timed scheduleEnd = new TimerHeap.Timed() {
        @Override
        void fire(long now) {
            stop(now);
        }
    };

    ClosedPhase(EventLoop loop, int index, CompiledFlow flow, ExecutorSpec executor, long startNanos, long thinkNanos,
                int participants, int slot) {
        super(loop, index, flow, startNanos, executor.duration().toNanos(), thinkNanos, participants, slot);
        this.schedule = VuSchedule.of(executor);
    }

    @Override
    void schedule(long now) {
        loop.timers.schedule(scheduleEnd, scheduleEndNanos);
        adjust(now);
    }

    private void adjust(long now) {
        if (stopping) {
            return;
        }
        int wanted = localShare(schedule.vusAt(now - startNanos));
        for (int k = 0; k < wanted; k++) {
            Iteration user = k < users.size() ? users.get(k) : newUser();
            if (!user.active && !user.thinking) {
                launch(user, globalVu(k), now, now);
            }
        }
        loop.timers.schedule(ticker, now + TICK_NANOS);
    }

    private Iteration newUser() {
        Iteration user = newIteration();
        users.add(user);
        return user;
    }

    /** Users with global numbers slot, slot+P, slot+2P... below {@code total} belong to this loop. */
    private int localShare(int total) {
        return total <= slot ? 0 : (total - slot + participants - 1) / participants;
    }

    private long globalVu(int k) {
        return (long) k * participants + slot + 1;
    }

    private int localIndex(Iteration user) {
        return (int) ((user.vu - 1 - slot) / participants);
    }

    @Override
    void onStop(long now) {
        loop.timers.cancel(ticker);
        loop.timers.cancel(scheduleEnd);
        for (Iteration user : users) {
            if (user.thinking) {
                loop.timers.cancel(user);
                user.thinking = false;
            }
        }
    }

    @Override
    void afterIteration(Iteration user, boolean wasInterrupted, long now) {
        if (stopping || wasInterrupted) {
            return;
        }
        int k = localIndex(user);
        if (k >= localShare(schedule.vusAt(now - startNanos))) {
            return;
        }
        if (thinkNanos > 0 && !user.thinking && !user.active) {
            user.thinking = true;
            loop.timers.schedule(user, now + thinkNanos);
        } else if (!user.active) {
            launch(user, globalVu(k), now, now);
        }
    }

    @Override
    void thinkOver(Iteration user, long now) {
        if (stopping) {
            return;
        }
        int k = localIndex(user);
        if (k < localShare(schedule.vusAt(now - startNanos))) {
            launch(user, globalVu(k), now, now);
        }
    }
}
