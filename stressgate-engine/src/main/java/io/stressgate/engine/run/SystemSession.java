package io.stressgate.engine.run;

import io.stressgate.engine.metrics.Monitor;
import io.stressgate.engine.metrics.MonitorReport;
import io.stressgate.engine.metrics.MonitorSettings;
import io.stressgate.engine.metrics.ResourceReaders;
import io.stressgate.engine.process.ServiceException;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a run does to and around the system under test, in the order it must happen: restore what aborted
 * runs left, start the services, sample resources and queues, fire chaos while the load runs, let queues drain,
 * stop the services, and look for orphans and leaks. Whatever fails, {@link #close()} restores and stops.
 */
final class SystemSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemSession.class);

    private final SystemUnderTest system;
    private final SystemHarness harness;
    private final Monitor monitor;
    private final Instant origin;
    private final List<ChaosEvent> chaos = new ArrayList<>();
    private List<ServiceReport> services = List.of();
    private SystemHarness.Leftovers leftovers;
    private MonitorReport sampled;
    private String error;
    private boolean monitorStarted;
    private boolean watching;
    private boolean chaosStarted;
    private boolean chaosClosed;
    private boolean chaosCollected;
    private final java.util.concurrent.CompletableFuture<Void> restored = new java.util.concurrent.CompletableFuture<>();

    private SystemSession(SystemUnderTest system, SystemHarness harness, Monitor monitor, Instant origin) {
        this.system = system;
        this.harness = harness;
        this.monitor = monitor;
        this.origin = origin;
    }

    /** Sets up the harness (Linux only: it reads /proc) and the samplers; starts nothing yet. */
    static SystemSession open(Scenario scenario, RunSettings settings, Clock clock, long originNanos, Instant origin) {
        SystemUnderTest system = scenario.system();
        SystemHarness harness = Files.isDirectory(Path.of("/proc/self")) || !system.isEmpty()
                ? new SystemHarness(system, HarnessSettings.of(settings.outputDir(), settings.runCookie(), System.getenv()), clock, originNanos)
                : null;
        Monitor monitor = null;
        MonitorSettings sampling = MonitorSettings.of(system, scenario.options(), settings.outputDir().resolve("metrics.csv"));
        if (system.sampling().system() || !system.queues().isEmpty() || !system.watchedNames().isEmpty()) {
            monitor = new Monitor(sampling, harness == null ? Map::of : new WatchedGroups(harness, system),
                    harness == null ? pids -> { } : pids -> harness.treeRecorder().record(union(pids.values())),
                    ResourceReaders.forThisMachine(system.sampling().interval()), clock);
        }
        return new SystemSession(system, harness, monitor, origin);
    }

    /** Every group's pids in one collection, so the tree recorder reads /proc once for all groups. */
    private static java.util.Set<Long> union(java.util.Collection<java.util.Set<Long>> groups) {
        java.util.Set<Long> all = new java.util.HashSet<>();
        groups.forEach(all::addAll);
        return all;
    }

    /** Restores what earlier runs owe; a restore that fails makes this run an error (it would test a broken system). */
    void restoreLeftovers() throws IOException {
        if (harness == null) {
            return;
        }
        for (ChaosEvent e : harness.restoreLeftovers()) {
            chaos.add(e);
            if (e.outcome() == ChaosEvent.Outcome.FAILED) {
                error = "restoring what an earlier run left failed: " + e.message();
            }
        }
    }

    void startServices() throws ServiceException, InterruptedException {
        if (harness != null && !system.services().isEmpty()) {
            harness.startServices();
        }
    }

    /** A signal while the services start: they stop waiting to be ready and the start fails with the reason. */
    void cancelServiceStart(String reason) {
        if (harness != null) {
            harness.cancelServiceStart(reason);
        }
    }

    void startWatching() throws IOException {
        if (harness != null) {
            harness.snapshotBefore();
            watching = true;
        }
        if (monitor != null) {
            monitor.start(origin);
            monitorStarted = true;
        }
    }

    /** Live queue, process and machine metrics. */
    MetricSource samplers() {
        return monitor == null ? metric -> MetricValue.missing("nothing is sampled") : monitor.metrics();
    }

    /** Starts chaos unless {@link #stopChaos()} came first (a signal during the start): then nothing fires. */
    synchronized void startChaos(MetricSource live, long loadStartNanos) {
        if (harness != null && !system.chaos().isEmpty() && !chaosClosed) {
            harness.startChaos(live, loadStartNanos);
            chaosStarted = true;
        }
    }

    /**
     * Stops chaos and performs every restore it owes; safe from any thread and more than once (a signal calls it at
     * once, the end of the load again). Completes {@link #restored()}.
     */
    void stopChaos() throws InterruptedException {
        synchronized (this) {
            chaosClosed = true;
            if (!chaosStarted) {
                restored.complete(null);
                return;
            }
        }
        List<ChaosEvent> events = harness.stopChaos();
        synchronized (this) {
            if (!chaosCollected) {
                chaos.addAll(events);
                chaosCollected = true;
            }
        }
        restored.complete(null);
    }

    /** Completes once chaos has stopped and its restores ran (at once when chaos never started). */
    java.util.concurrent.CompletableFuture<Void> restored() {
        return restored;
    }

    /**
     * The load is over: queue drain times count from the end of the submissions, at {@code submissionsEndNanos}, and
     * chaos stops (restoring what it stopped).
     */
    void loadEnded(long submissionsEndNanos) throws InterruptedException {
        if (monitorStarted) {
            monitor.loadEnded(submissionsEndNanos);
        }
        stopChaos();
    }

    void awaitDrained(Duration max) throws InterruptedException {
        if (monitorStarted && !system.queues().isEmpty()) {
            monitor.awaitDrained(max);
        }
    }

    /**
     * Stops chaos (restoring), takes the after-pictures, stops sampling and the services, and checks what they left
     * behind (skipped when {@code quick}: a signal asked to end soon). Works after a failure at any earlier step;
     * each part that fails is logged and named in the returned problem, and the parts after it still run.
     */
    Optional<String> finish(boolean quick) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        stopChaos();
        if (harness != null && watching) {
            attempt(problems, "the after-load snapshot", harness::snapshotAfterLoad);
        }
        if (monitorStarted) {
            attempt(problems, "stopping the samplers", () -> sampled = monitor.stop());
        }
        if (harness != null) {
            services = harness.stopServices();
            if (watchesAnything() && watching && !quick) {
                checkLeftovers(problems);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private void checkLeftovers(List<String> problems) throws InterruptedException {
        try {
            leftovers = harness.checkLeftovers();
        } catch (RuntimeException e) {
            LOG.error("the orphan and leak check failed", e);
            problems.add("the orphan and leak check failed: " + e);
        }
    }

    private static void attempt(List<String> problems, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed", what, e);
            problems.add(what + " failed: " + e);
        }
    }

    private boolean watchesAnything() {
        return system.orphans().enabled() && (!system.services().isEmpty() || !system.processes().isEmpty()
                || system.orphans().pattern() != null);
    }

    /** Why the run must count as an error, if anything here went wrong: a failed restore, a refused chaos action. */
    Optional<String> error() {
        if (error != null) {
            return Optional.of(error);
        }
        return chaos.stream().filter(e -> e.outcome() == ChaosEvent.Outcome.REFUSED).findFirst()
                .map(e -> "chaos action " + e.name() + " was refused, so the run did not test what it planned: " + e.message());
    }

    /** Puts what this session saw into the results. */
    void fill(RunResults.Builder b) {
        b.services(services).chaos(chaos);
        if (sampled != null) {
            b.processes(sampled.processes()).system(sampled.system()).queues(sampled.queues()).samples(sampled.samples());
        }
        if (leftovers != null) {
            b.orphans(leftovers.orphans()).leaks(leftovers.leaks());
        }
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (harness != null) {
            harness.close();
        }
    }
}
