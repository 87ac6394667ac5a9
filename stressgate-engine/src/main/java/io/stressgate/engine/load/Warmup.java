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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the generator's own code before the clock starts: the real event loops, connections, parser, timers and
 * histograms run against a {@link LoopbackResponder} until their throughput stops rising (the JIT has compiled
 * the hot paths; on one shared core that takes seconds), at least {@code MIN} and at most {@code LIMIT}. Nothing
 * is sent to the target and nothing of it is recorded; without it the first seconds of a run measure a cold JVM.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration LIMIT = Duration.ofMillis(3_000);
    private static final long WINDOW_MILLIS = 250;
    /** Throughput counts as still rising while a window beats the best one so far by this share. */
    private static final double RISING = 1.03;
    /** Windows in a row without a new best after which the code counts as warm. */
    private static final int FLAT_WINDOWS = 4;

    private Warmup() {
    }

    static void run(int loops) {
        long start = System.nanoTime();
        try (LoopbackResponder responder = new LoopbackResponder()) {
            long done = exercise(loops, responder.port());
            LOG.info("warmed up the generator on loopback: {} exchanges in {} ms", done, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("skipped the warm-up: {}", e.toString());
        }
    }

    /** Sleeps window by window until throughput stopped rising (after the minimum) or the limit passed. */
    private static void awaitFlatThroughput(AtomicLong exchanges, long begin) throws InterruptedException {
        double best = 0;
        int flat = 0;
        long last = 0;
        while (System.nanoTime() - begin < LIMIT.toNanos()) {
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

    private static long exercise(int loops, int port) throws InterruptedException {
        URI origin = URI.create("http://127.0.0.1:" + port);
        RequestSpec spec = new RequestSpec("warmup", "GET", origin, Template.literal("/"), List.of(), Body.NONE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), new Location("warmup", 0, 0));
        CompiledFlow flow = new CompiledFlow(new RequestFlow(List.of(spec)), n -> 0, Map.of(origin.toString(), new Origin(0, origin)), null);
        AtomicLong exchanges = new AtomicLong();
        long begin = System.nanoTime();
        List<EventLoop> started = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            EventLoop loop = new EventLoop(i, 1, 1, begin, 100_000_000L,
                    s -> exchanges.addAndGet(s.names()[0].requests), TlsSettings.of(true));
            started.add(loop);
            Thread t = new Thread(loop, "stressgate-warmup-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
            loop.addPhase(new ClosedPhase(loop, 0, flow, new ExecutorSpec.ConstantVus(16 * loops, LIMIT), begin, 0, loops, i));
            // the open model's arrival code too, at a rate any loop keeps up with
            loop.addPhase(new OpenPhase(loop, 1, flow, new ExecutorSpec.ConstantArrivalRate(new Rate(2_000.0 * loops), LIMIT, 256 * loops),
                    256 * loops, begin, loops, i, loop.scheduleLag));
        }
        awaitFlatThroughput(exchanges, begin);
        started.forEach(EventLoop::shutdown);
        for (Thread t : threads) {
            t.join(2_000);
        }
        return exchanges.get();
    }
}
