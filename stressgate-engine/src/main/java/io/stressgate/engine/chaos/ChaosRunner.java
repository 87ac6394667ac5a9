package io.stressgate.engine.chaos;

import io.stressgate.engine.process.LogSafe;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.Quantities;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a scenario's chaos actions while the load runs: each {@code at} action at its offset from the load start,
 * each {@code when} action the first time its condition holds (polled through a {@link MetricSource}). Every action
 * fires at most once, on its own thread, so a long pause does not delay the next action. {@link #stop()} cancels
 * what has not fired, interrupts what runs (a pause sends CONT, a timed stop restores), restores held stops and
 * returns the events.
 */
public final class ChaosRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRunner.class);

    private final List<ChaosSpec> specs;
    private final ChaosExecutor executor;
    private final TargetResolver resolver;
    private final Runnable beforeEachAction;
    private final boolean dryRun;
    private final Duration pollInterval;
    private final Duration stopTimeout;
    private final List<ChaosEvent> events = new ArrayList<>();
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private final Object stopping = new Object();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private List<ChaosEvent> finished;

    /**
     * @param beforeEachAction runs just before an action selects its targets (the harness records the process trees,
     *                         so that children of a killed process can be traced afterwards)
     * @param stopTimeout      how long {@link #stop()} waits for running actions to finish their restores
     */
    public ChaosRunner(List<ChaosSpec> specs, ChaosExecutor executor, TargetResolver resolver, Runnable beforeEachAction,
                       boolean dryRun, Duration pollInterval, Duration stopTimeout) {
        this.specs = List.copyOf(specs);
        this.executor = executor;
        this.resolver = resolver;
        this.beforeEachAction = beforeEachAction;
        this.dryRun = dryRun;
        this.pollInterval = pollInterval;
        this.stopTimeout = stopTimeout;
    }

    /** Schedules every action; offsets count from {@code loadStartNanos} (a {@link System#nanoTime()} value). */
    public synchronized void start(MetricSource metrics, long loadStartNanos) {
        if (scheduler != null) {
            throw new IllegalStateException("chaos was started already");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("stressgate-chaos-clock"));
        workers = Executors.newCachedThreadPool(daemon("stressgate-chaos-action"));
        for (ChaosSpec spec : specs) {
            if (spec.at() != null) {
                long delay = loadStartNanos + spec.at().toNanos() - System.nanoTime();
                scheduler.schedule(() -> fire(spec, "at " + Quantities.format(spec.at())), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        }
        if (specs.stream().anyMatch(s -> s.when() != null)) {
            scheduler.scheduleWithFixedDelay(() -> poll(metrics), 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void poll(MetricSource metrics) {
        for (ChaosSpec spec : specs) {
            if (spec.when() == null || fired.contains(spec.name())) {
                continue;
            }
            try {
                MetricValue value = metrics.value(spec.when().metric());
                if (value instanceof MetricValue.Present p && spec.when().holds(p.value())) {
                    fire(spec, "when " + spec.when().text() + " (it was " + spec.when().dimension().format(p.value()) + ")");
                }
            } catch (RuntimeException e) {
                LOG.warn("chaos condition {} could not be read: {}", spec.when().text(), e.toString());
            }
        }
    }

    private void fire(ChaosSpec spec, String trigger) {
        if (!fired.add(spec.name())) {
            return;
        }
        try {
            workers.submit(() -> act(spec, trigger));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.info("chaos action {} did not fire: chaos is stopping", spec.name());
        }
    }

    private void act(ChaosSpec spec, String trigger) {
        long at = System.nanoTime();
        try {
            beforeEachAction.run();
            String service = spec.target() == null ? null : resolver.serviceOf(spec.target()).orElse(null);
            ChaosOrder order = ChaosOrder.of(spec, service, dryRun);
            ChaosEvent event = executor.execute(order, () -> resolver.select(spec.target()), trigger);
            LOG.info("chaos {}: {} {}", spec.name(), event.outcome(), LogSafe.text(event.message()));
            record(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("chaos action {} was interrupted before it acted", spec.name());
        } catch (RuntimeException e) {
            LOG.error("chaos action {} failed", spec.name(), e);
            record(new ChaosEvent(spec.name(), spec.action().name().toLowerCase(java.util.Locale.ROOT), executor.ms(at), trigger, null,
                    List.of(), ChaosEvent.Outcome.FAILED, "the action failed: " + e, null, null));
        }
    }

    private synchronized void record(ChaosEvent event) {
        events.add(event);
    }

    /** The events so far, in the order the actions fired. */
    public synchronized List<ChaosEvent> events() {
        List<ChaosEvent> copy = new ArrayList<>(finished != null ? finished : events);
        copy.sort(Comparator.comparingLong(ChaosEvent::atMs));
        return copy;
    }

    /**
     * Stops chaos and restores everything it owes; safe to call more than once, before {@link #start}, and from
     * several threads at once (a signal's restore and the end of the load): a second caller waits for the first, so a
     * restore never runs twice.
     */
    public List<ChaosEvent> stop() throws InterruptedException {
        synchronized (stopping) {
            return stopOnce();
        }
    }

    private List<ChaosEvent> stopOnce() throws InterruptedException {
        ExecutorService running;
        synchronized (this) {
            if (finished != null) {
                return events();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            running = workers;
        }
        if (running != null) {
            running.shutdownNow();
            if (!running.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("chaos actions still run after {}; their restores are left to the ledger", stopTimeout);
            }
        }
        Map<String, CommandActions.Released> released = new java.util.HashMap<>();
        executor.commands().releaseHeld().forEach(r -> released.put(r.name(), r));
        restoreWhatIsStillOwed();
        synchronized (this) {
            List<ChaosEvent> done = new ArrayList<>();
            events.forEach(e -> done.add(released.containsKey(e.name()) ? withRestore(e, released.get(e.name())) : e));
            finished = done;
            return events();
        }
    }

    private void restoreWhatIsStillOwed() {
        try {
            executor.commands().restorer().restoreMine().stream().filter(r -> !r.ok())
                    .forEach(r -> LOG.error("{}", LogSafe.text(r.message())));
        } catch (IOException e) {
            LOG.error("the restore ledger could not be read at the end of chaos: {}", e.toString());
        }
    }

    private static ChaosEvent withRestore(ChaosEvent e, CommandActions.Released r) {
        ChaosEvent.Outcome outcome = r.ok() ? e.outcome() : ChaosEvent.Outcome.FAILED;
        return new ChaosEvent(e.name(), e.action(), e.atMs(), e.trigger(), e.signal(), e.targets(), outcome,
                e.message() + "; " + r.message(), r.recoveredAfterMs(), r.restoredAfterMs(), e.among(), e.pick(), e.probe());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
