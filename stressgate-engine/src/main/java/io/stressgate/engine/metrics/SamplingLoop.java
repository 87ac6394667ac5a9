package io.stressgate.engine.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sampler on its own daemon thread at every tick of a {@link SamplingClock}. A late sample skips the ticks
 * it missed rather than bunching them. Measures its own thread's CPU time so the run can report what sampling cost.
 */
final class SamplingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SamplingLoop.class);
    private static final long JOIN_MILLIS = 5_000;

    /** What runs at each tick. */
    @FunctionalInterface
    interface Tick {
        void sample(long tick, long nanos);
    }

    private final String name;
    private final Tick tick;
    private final SamplingClock clock;
    private volatile boolean running;
    private volatile long cpuNanos;
    private volatile long wallNanos;
    private volatile long skipped;
    private volatile long ticks;
    private Thread thread;

    SamplingLoop(String name, SamplingClock clock, Tick tick) {
        this.name = name;
        this.clock = clock;
        this.tick = tick;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " was already started");
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits for the sample in progress (bounded by the sampler's own timeouts). */
    synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms; interrupting it", name, JOIN_MILLIS);
                thread.interrupt();
                thread.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time of the sampling thread per wall time since it started, in percent of one core. */
    double costPercent() {
        long wall = wallNanos;
        return wall <= 0 ? 0 : 100.0 * cpuNanos / wall;
    }

    /** CPU time the sampling thread used so far. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** Wall time since the sampling thread started, as of its last tick. */
    long wallNanos() {
        return wallNanos;
    }

    long skippedTicks() {
        return skipped;
    }

    long ticks() {
        return ticks;
    }

    private void run() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
        long wallStart = System.nanoTime();
        long next = clock.tickAt(wallStart) + 1;
        while (running) {
            if (!parkUntil(clock.nanosOf(next))) {
                break;
            }
            try {
                tick.sample(next, System.nanoTime());
            } catch (RuntimeException e) {
                LOG.warn("{}: sample {} failed: {}", name, next, e.toString(), e);
            }
            ticks++;
            long now = System.nanoTime();
            long following = Math.max(next + 1, clock.tickAt(now) + 1);
            skipped += following - next - 1;
            next = following;
            if (cpuTimed) {
                cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            }
            wallNanos = now - wallStart;
        }
    }

    private boolean parkUntil(long due) {
        long wait;
        while (running && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(500)));
            if (Thread.interrupted()) {
                return false;
            }
        }
        return running;
    }
}
