package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.engine.scenario.RequestFlow;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.StatusSet;
import io.stressgate.engine.scenario.Template;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the generator's own code before the clock starts: the real event loops, connections, parser, timers and
 * histograms run against a {@link LoopbackResponder} until their throughput stops rising (the JIT has compiled
 * the hot paths; on one shared core that takes seconds), at least {@code MIN} and at most {@code LIMIT}, or less
 * when the agreed start of a sharded run leaves less time (the start wins; the first seconds then run colder). Nothing
 * is sent to the target and nothing of it is recorded; without it the first seconds of a run measure a cold JVM.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration LIMIT = Duration.ofMillis(3_000);
    private static final long WINDOW_MILLIS = 250;
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
    /** Throughput counts as still rising while a window beats the best one so far by this share. */
    private static final double RISING = 1.03;
    /** Windows in a row without a new best after which the code counts as warm. */
    private static final int FLAT_WINDOWS = 4;

    private Warmup() {
    }

    /**
     * Warms {@code loops}, the run's own event loops, and leaves them clean for the load: the same selectors, timer
     * heaps and pools then carry the load, so nothing compiled for them meets a first time when the clock starts
     * (a new selector's first select alone threw the compiled loop back to the interpreter for 300 ms). Counts the
     * warm-up's exchanges from the figures the loops hand over meanwhile, through {@code exchanges}.
     */
    static void run(List<EventLoop> loops, AtomicLong exchanges, long budgetNanos) {
        long start = System.nanoTime();
        try (LoopbackResponder responder = new LoopbackResponder()) {
            exercise(loops, responder.port(), exchanges, budgetNanos);
            LOG.info("warmed up the generator on loopback: {} exchanges in {} ms", exchanges.get(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("skipped the warm-up: {}", e.toString());
        }
    }

    /**
     * Sleeps window by window until throughput stopped rising (after the minimum) or the limit passed, running
     * {@code eachWindow} at the start of every window.
     */
    private static void awaitFlatThroughput(AtomicLong exchanges, long begin, long budgetNanos, Runnable eachWindow)
            throws InterruptedException {
        double best = 0;
        int flat = 0;
        long last = 0;
        while (System.nanoTime() - begin < Math.min(LIMIT.toNanos(), budgetNanos)) {
            eachWindow.run();
            Thread.sleep(WINDOW_MILLIS);
            long now = exchanges.get();
            double rate = now - last;
            last = now;
            if (rate > best * RISING) {
                best = rate;
                flat = 0;
            } else if (++flat >= FLAT_WINDOWS && System.nanoTime() - begin >= MIN.toNanos()) {
                return;
            }
        }
    }

    private static OpenPhase openPhase(EventLoop loop, int index, CompiledFlow flow, double rate, int maxInFlight, long now,
                                       int loops, int slot) {
        Duration length = Duration.ofMillis(WINDOW_MILLIS * 4 / 5);
        return new OpenPhase(loop, index, flow, new ExecutorSpec.ConstantArrivalRate(new Rate(rate), length, maxInFlight),
                maxInFlight, now, loops, slot, loop.scheduleLag);
    }

    private static void exercise(List<EventLoop> loops, int port, AtomicLong exchanges, long budgetNanos)
            throws InterruptedException {
        URI origin = URI.create("http://127.0.0.1:" + port);
        RequestSpec spec = new RequestSpec("warmup", "GET", origin, Template.literal("/"), List.of(), Body.NONE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), new Location("warmup", 0, 0));
        CompiledFlow flow = new CompiledFlow(new RequestFlow(List.of(spec)), n -> 0, Map.of(origin.toString(), new Origin(0, origin)), null);
        int n = loops.size();
        long begin = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                EventLoop loop = loops.get(i);
                loop.startClock(begin, WINDOW_NANOS / 2);
                loop.addPhase(new ClosedPhase(loop, -1, flow, new ExecutorSpec.ConstantVus(16 * n, LIMIT), begin, 0, n, i));
            }
            int[] phase = {-2};
            awaitFlatThroughput(exchanges, begin, budgetNanos, () -> {
                // the open model's arrival code too, as a run starts it: a new phase each window (no iterations to
                // reuse yet), one at a rate any loop keeps up with and one whose single slot per loop makes it drop some
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    EventLoop loop = loops.get(i);
                    loop.addPhase(openPhase(loop, phase[0], flow, 2_000.0 * n, 256 * n, now, n, i));
                    loop.addPhase(openPhase(loop, phase[0] - 1, flow, 4_000.0 * n, n, now, n, i));
                }
                phase[0] -= 2;
            });
        } finally {
            CountDownLatch ended = new CountDownLatch(n);
            loops.forEach(l -> l.endWarmup(ended::countDown));
            if (!ended.await(5, TimeUnit.SECONDS)) {
                LOG.warn("the warm-up did not end on every event loop within 5 s");
            }
        }
    }
}
