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
 * is sent to the target and nothing of it is recorded; without it the first seconds of a run measure a cold JVM. Its
 * requests ask for compression and watch for redirects and cookies exactly as the run's do: code compiled for a
 * client that does neither is thrown back to the interpreter at the run's first response and compiled again on the
 * clock (about 300 ms of C2 time per run on the generator's core, measured in issue 14).
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
     * (a new selector's first select alone threw the compiled loop back to the interpreter for 300 ms). Its requests
     * send {@code acceptEncoding} (null: none) and follow {@code client}'s rules, as the run's. Counts the warm-up's
     * exchanges from the figures the loops hand over meanwhile, through {@code exchanges}.
     */
    static void run(List<EventLoop> loops, AtomicLong exchanges, long budgetNanos, String acceptEncoding, ClientRules client) {
        long start = System.nanoTime();
        try (LoopbackResponder responder = new LoopbackResponder()) {
            exercise(loops, flow(responder.port(), acceptEncoding, client), exchanges, budgetNanos);
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

    /**
     * The warm-up's one-request flow to the responder on {@code port}: the responder's origin reached directly (never
     * through the run's proxy), asking for {@code acceptEncoding}, its request under {@code client}'s rules.
     */
    static CompiledFlow flow(int port, String acceptEncoding, ClientRules client) {
        URI origin = URI.create("http://127.0.0.1:" + port);
        RequestSpec spec = new RequestSpec("warmup", "GET", origin, Template.literal("/"), List.of(), Body.NONE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), new Location("warmup", 0, 0));
        Origin responder = new Origin(0, origin, acceptEncoding, null);
        CompiledFlow flow = new CompiledFlow(new RequestFlow(List.of(spec)), n -> 0, Map.of(origin.toString(), responder), null);
        flow.client(client);
        return flow;
    }

    private static void exercise(List<EventLoop> loops, CompiledFlow flow, AtomicLong exchanges, long budgetNanos)
            throws InterruptedException {
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
