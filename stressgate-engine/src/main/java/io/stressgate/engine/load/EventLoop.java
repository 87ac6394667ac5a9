package io.stressgate.engine.load;

import io.stressgate.engine.result.Histograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load-generating thread: a selector over its connections, a timer heap for arrivals, think times, polls and
 * timeouts, and its own recording book. Everything it owns is touched by its thread only; other threads talk to
 * it through a command queue. At each interval boundary it hands its figures to the aggregator.
 */
final class EventLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    final int index;
    final Selector selector;
    final TimerHeap timers = new TimerHeap();
    final ConnectionPool pool;
    final StatsBook stats;
    final FlowDriver flows;
    final Histogram scheduleLag = Histograms.forRequests();
    final TlsProfiles tls;
    final InFlight inFlight = new InFlight();

    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Connection> deferred = new ArrayDeque<>();
    private final List<PhaseRuntime> phases = new ArrayList<>();
    private final Consumer<StatsBook.Snapshot> aggregator;
    private long intervalNanos;
    private long nextRoll;
    private long interval;
    private volatile boolean running = true;

    private boolean clockRunning;

    /** A loop whose interval clock waits for {@link #startClock}, so connections can open before it starts. */
    EventLoop(int index, int[] checkCounts, int originCount, Consumer<StatsBook.Snapshot> aggregator, TlsProfiles tls) {
        this.index = index;
        this.tls = tls;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.pool = new ConnectionPool(this, originCount);
        this.stats = new StatsBook(index, checkCounts);
        this.flows = new FlowDriver(this, stats);
        this.aggregator = aggregator;
    }

    /** Starts the interval clock: figures are handed over every {@code intervalNanos} from {@code startNanos}. */
    void startClock(long startNanos, long intervalNanos) {
        execute(() -> {
            this.intervalNanos = intervalNanos;
            nextRoll = startNanos + intervalNanos;
            interval = 0;
            clockRunning = true;
        });
    }

    /**
     * Ends the warm-up this loop ran before the load (see {@link Warmup}): interrupts its phases, closes its
     * connections, discards its figures and stops its clock; {@code done} runs when that is over.
     */
    void endWarmup(Runnable done) {
        execute(() -> {
            long now = System.nanoTime();
            for (PhaseRuntime p : List.copyOf(phases)) {
                p.abort(now);
            }
            phases.clear();
            pool.reset();
            stats.roll(0, 0);
            scheduleLag.reset();
            clockRunning = false;
            done.run();
        });
    }

    /**
     * Opens {@code count} idle connections to {@code origin} ahead of the load; {@code done} runs once for each,
     * connected or not.
     */
    void preconnect(Origin origin, int count, long connectTimeoutNanos, Runnable done) {
        execute(() -> {
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                pool.preconnect(origin, now, connectTimeoutNanos, done);
            }
        });
    }

    /** Connections this loop opened, ahead of the load or during it. */
    int connectionsOpened() {
        return pool.opened();
    }

    /** Runs {@code command} on the loop thread soon. */
    void execute(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    /** A connection failed while starting an exchange; report it on the next turn of the loop. */
    void defer(Connection c) {
        deferred.add(c);
    }

    void addPhase(PhaseRuntime phase) {
        execute(() -> {
            phases.add(phase);
            phase.begin(System.nanoTime());
        });
    }

    /** Called by a phase on this loop when its last iteration ended after its schedule. */
    void phaseFinished(PhaseRuntime phase) {
        phases.remove(phase);
    }

    void shutdown() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                turn();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("event loop {} failed", index, e);
            throw e;
        } finally {
            closeEverything();
        }
    }

    private void turn() {
        long now = System.nanoTime();
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        while (!deferred.isEmpty()) {
            deferred.poll().reportDeferred();
        }
        timers.fireDue(now, 10_000);
        if (clockRunning && now - nextRoll >= 0) {
            roll();
        }
        select(now);
    }

    private void roll() {
        aggregator.accept(stats.roll(interval++, inFlight.count()));
        nextRoll += intervalNanos;
    }

    /** The figures recorded since the last boundary; taken once more after the loop thread ended. */
    StatsBook.Snapshot flush() {
        return stats.roll(interval++, inFlight.count());
    }

    private void select(long now) {
        long due = clockRunning ? Math.min(timers.nextDue(), nextRoll) : timers.nextDue();
        long wait = due == Long.MAX_VALUE ? MAX_SLEEP_NANOS : Math.min(due - now, MAX_SLEEP_NANOS);
        try {
            // select(ms) sleeps at least a millisecond: a timer due sooner may fire up to 1 ms late (and that
            // lateness is measured), which is far cheaper than spinning on selectNow()
            int ready = wait <= 0 || !deferred.isEmpty() || !commands.isEmpty()
                    ? selector.selectNow() : selector.select(Math.max(1, wait / 1_000_000));
            if (ready > 0) {
                dispatch();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed on loop " + index, e);
        }
    }

    private void dispatch() {
        var keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
            if (!key.isValid()) {
                continue;
            }
            if (!(key.attachment() instanceof Connection c)) {
                ((Http2Connection) key.attachment()).ready(key.readyOps(), readBuffer);
                continue;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                c.onConnectable();
            } else if ((ready & SelectionKey.OP_WRITE) != 0) {
                c.onWritable();
            } else if ((ready & SelectionKey.OP_READ) != 0) {
                c.onReadable(readBuffer);
            }
        }
        keys.clear();
    }

    /** Interrupts the iterations of one phase on this loop. */
    void abortPhase(int phaseIndex) {
        execute(() -> {
            long now = System.nanoTime();
            for (PhaseRuntime p : List.copyOf(phases)) {
                if (p.index == phaseIndex) {
                    p.abort(now);
                }
            }
        });
    }

    /** Stops the schedule of one phase on this loop; its iterations in progress may finish. */
    void stopPhase(int phaseIndex) {
        execute(() -> {
            long now = System.nanoTime();
            for (PhaseRuntime p : List.copyOf(phases)) {
                if (p.index == phaseIndex) {
                    p.stop(now);
                }
            }
        });
    }

    /** Stops the schedules of every phase on this loop; iterations in progress may finish. */
    void stopAll() {
        execute(() -> {
            long now = System.nanoTime();
            for (PhaseRuntime p : List.copyOf(phases)) {
                p.stop(now);
            }
        });
    }

    private void closeEverything() {
        pool.closeAll();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c) {
                c.close();
            } else if (key.attachment() instanceof Http2Connection h) {
                h.release();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector of loop {}: {}", index, e.toString());
        }
    }
}
