package io.stressgate.engine.run;

import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.load.LiveStats;
import io.stressgate.engine.load.LoadGenerator;
import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.load.LoadReport;
import io.stressgate.engine.load.LoadRun;
import io.stressgate.engine.process.ServiceException;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.tasks.JobAccountant;
import io.stressgate.engine.tasks.JobAccountingException;
import io.stressgate.engine.tasks.JobBook;
import io.stressgate.engine.tasks.CompletionsMark;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run, step by step: the system under test around the load, then accounting, then the assembled results. */
final class RunPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RunPipeline.class);
    private static final int SWEEP_CONCURRENCY = 16;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private final Clock clock;
    private final RunSettings settings;
    private final Scenario scenario;
    private final LoadListener listener;
    private final StressRun handle;
    private final JobBook jobs;
    private final AbortWatch abortWatch;
    private volatile LoadRun load;
    private volatile ExternalToolRunner tool;
    private long originNanos;
    private final ToolResults results = new ImportedLoad(new io.stressgate.engine.imports.ResultImporter(),
            new io.stressgate.engine.imports.LocustExitSummary(), io.stressgate.engine.imports.ToolVersionFinder.system());
    private volatile String stopReason;
    private volatile boolean signalled;
    private volatile SystemSession session;
    private CompletionsMark completionsMark = new CompletionsMark.Absent();

    RunPipeline(Clock clock, RunSettings settings, Scenario scenario, LoadListener listener, StressRun handle) {
        this.clock = clock;
        this.settings = settings;
        this.scenario = scenario;
        this.listener = listener;
        this.handle = handle;
        this.jobs = new JobBook(scenario);
        this.abortWatch = new AbortWatch(scenario.gates());
    }

    /** Asks the run to stop early; before the load starts it simply never starts. */
    void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        LoadRun l = load;
        if (l != null) {
            l.stop(reason);
        }
        ExternalToolRunner t = tool;
        if (t != null) {
            t.stop(reason);
        }
    }

    /**
     * A signal: restores start at once on a thread of their own, the load stops (in-flight requests get the short
     * stop grace), and the run ends without the queue drain and the orphan wait.
     */
    void interrupt(String reason) {
        signalled = true;
        stop(reason);
        SystemSession s = session;
        if (s != null) {
            s.cancelServiceStart(reason);
            Thread restore = new Thread(() -> stopChaos(s), "stressgate-restore-on-signal");
            restore.setDaemon(true);
            restore.start();
        }
    }

    /** A second signal: in-flight requests are not waited for any more; the restores still are (see {@link #restored()}). */
    void hurry(String reason) {
        interrupt(reason);
        LoadRun l = load;
        if (l != null) {
            l.stopNow(reason);
        }
    }

    /** Completes once nothing chaos stopped is owed any more (at once when the system was never touched). */
    CompletableFuture<Void> restored() {
        SystemSession s = session;
        return s == null ? CompletableFuture.completedFuture(null) : s.restored();
    }

    private static void stopChaos(SystemSession s) {
        try {
            s.stopChaos();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while restoring; what is not restored stays in the ledger for the next run");
        } catch (RuntimeException e) {
            LOG.error("stopping chaos on a signal failed; the end of the run tries again", e);
        }
    }

    RunResults execute() throws InterruptedException {
        long origin = System.nanoTime();
        originNanos = origin;
        Instant startedAt = clock.instant();
        Progress p = new Progress();
        SystemSession system = null;
        try {
            system = SystemSession.open(scenario, settings, clock, origin, startedAt);
            session = system;
            p.error = runThrough(system, p);
            Optional<String> unfinished = system.finish(signalled);
            p.error = p.error != null ? p.error : unfinished.or(system::error).orElse(null);
        } catch (RuntimeException e) {
            LOG.error("the run failed", e);
            p.error = p.error != null ? p.error : "the run failed: " + e;
        } finally {
            if (system != null) {
                system.close();
            }
        }
        RunAssembler.Measured m = new RunAssembler.Measured(startedAt, origin, System.nanoTime(), p.report,
                p.settled != null ? p.settled : jobs.summary(), p.error, signalled && p.report == null ? stopReason : null,
                p.external, p.toolResults);
        return new RunAssembler().assemble(scenario, settings, m, system);
    }

    /** What the steps produced so far; any part may be missing when the run ended early. */
    private static final class Progress {
        private final long originNanos = System.nanoTime();
        private LoadReport report;
        private JobsSummary settled;
        private String error;
        private ExternalRun external;
        private ImportedResults toolResults;
    }

    /** Every step from the restores of earlier runs to the drain; returns why the run could not go on, or null. */
    private String runThrough(SystemSession system, Progress p) throws InterruptedException {
        try {
            system.restoreLeftovers();
            system.startServices();
            system.startWatching();
            markCompletions();
            LOG.info("ready for the load {} ms after the run began (services, samplers, orphan baseline)",
                    (System.nanoTime() - p.originNanos) / 1_000_000);
            String toolError = null;
            if (external().isPresent()) {
                ExternalToolRunner.Outcome outcome = runTool(system, external().get());
                p.report = outcome.report();
                p.external = outcome.external();
                p.toolResults = outcome.source();
                toolError = outcome.error();
            } else {
                p.report = runLoad(system);
            }
            system.loadEnded(p.report == null ? System.nanoTime() : p.report.submissionsEndNanos());
            if (toolError != null) {
                return toolError;
            }
            p.settled = signalled ? null : drain(system);
            return null;
        } catch (ServiceException e) {
            return "a service did not start: " + e.getMessage();
        } catch (IOException e) {
            return "the run could not go on: " + e.getMessage();
        } catch (JobAccountingException e) {
            p.settled = e.partial();
            return e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("the run failed", e);
            return "the run failed: " + e;
        }
    }

    /** Notes where the completions log ends, so the scan after the load counts only this run's entries. */
    private void markCompletions() {
        if (!jobs.isEmpty() && scenario.system().accounting().enabled()) {
            completionsMark = newAccountant().mark(scenario.system().accounting());
            LOG.info("the completions log {} before the load: {}", scenario.system().accounting().completionsKey(),
                    completionsMark);
        }
    }

    private JobAccountant newAccountant() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return new JobAccountant(client, clock, SWEEP_CONCURRENCY, REDIS_TIMEOUT);
    }

    private Optional<LoadPhase> external() {
        return scenario.load().stream().filter(ph -> ph.executor() instanceof ExecutorSpec.External).findFirst();
    }

    /** Runs the external tool's phase; chaos counts from the tool's start, as it counts from the load's otherwise. */
    private ExternalToolRunner.Outcome runTool(SystemSession system, LoadPhase phase) throws InterruptedException {
        ExternalToolRunner runner = new ExternalToolRunner(settings.outputDir(), settings.runCookie(), originNanos, clock,
                results);
        tool = runner;
        if (stopReason != null) {
            runner.stop(stopReason);
        }
        RunLiveMetrics live = new RunLiveMetrics(jobs.metrics(), system.samplers());
        return runner.run(phase, start -> system.startChaos(live, start));
    }

    private LoadReport runLoad(SystemSession system) throws InterruptedException {
        if (stopReason != null) {
            return null;
        }
        RunLiveMetrics live = new RunLiveMetrics(jobs.metrics(), system.samplers());
        LoadListener combined = stats -> {
            live.update(stats);
            listener.onInterval(stats);
            checkAbort(stats, live);
        };
        load = new LoadGenerator(clock, jobs::events, settings.threads()).create(scenario, combined);
        load.watch(system.samplers());
        if (stopReason != null) {
            load.stop(stopReason);
        }
        load.begin(settings.startAt());
        system.startChaos(live, load.startNanos());
        return load.await();
    }

    private void checkAbort(LiveStats stats, RunLiveMetrics live) {
        if (abortWatch.active()) {
            abortWatch.broken(Duration.ofMillis((long) (stats.elapsedSeconds() * 1000)), live)
                    .ifPresent(gate -> handle.stop("gate \"" + gate.expression() + "\" broke with abortOnFail: " + gate.message()));
        }
    }

    /** Queues drain and open jobs are swept side by side, each within the drain timeout. */
    private JobsSummary drain(SystemSession system) throws InterruptedException, JobAccountingException {
        Duration limit = scenario.options().drainTimeout();
        CompletableFuture<JobsSummary> accounting = jobs.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> settle(limit));
        system.awaitDrained(limit);
        try {
            return accounting.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AccountingFailure f) {
                throw f.cause;
            }
            throw new IllegalStateException("job accounting failed: " + e.getCause(), e.getCause());
        }
    }

    private JobsSummary settle(Duration limit) {
        try {
            LOG.info("settling job accounting: sweeping open jobs for up to {}", limit);
            return jobs.settle(newAccountant(), scenario.system().accounting(), completionsMark, limit);
        } catch (JobAccountingException e) {
            throw new AccountingFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while settling jobs", e);
        }
    }

    /** Carries a checked accounting failure out of the asynchronous settle. */
    private static final class AccountingFailure extends RuntimeException {
        private final JobAccountingException cause;

        AccountingFailure(JobAccountingException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
