package io.stressgate.engine.run;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.load.LiveStats;
import io.stressgate.engine.load.LoadGenerator;
import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.load.LoadReport;
import io.stressgate.engine.load.LoadRun;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.tasks.JobLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario from start to verdict: generates the load, watches abortOnFail gates, counts jobs, and turns
 * what was measured into {@link RunResults} with every gate decided. A run that did not complete is never PASSED.
 */
public final class StressRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StressRunner.class);

    private final Clock clock;
    private final RunSettings settings;

    public StressRunner(Clock clock, RunSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts the run in the background. */
    public StressRun start(Scenario scenario, LoadListener listener) {
        AtomicReference<LoadRun> load = new AtomicReference<>();
        AtomicReference<String> earlyStop = new AtomicReference<>();
        StressRun run = new StressRun(reason -> {
            earlyStop.compareAndSet(null, reason);
            LoadRun l = load.get();
            if (l != null) {
                l.stop(reason);
            }
        });
        Thread thread = new Thread(() -> execute(scenario, listener, run, load, earlyStop), "stressgate-run");
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    private void execute(Scenario scenario, LoadListener listener, StressRun run, AtomicReference<LoadRun> load,
                         AtomicReference<String> earlyStop) {
        try {
            JobLedger ledger = new JobLedger();
            AbortWatch watch = new AbortWatch(scenario.gates());
            LoadListener combined = live -> {
                listener.onInterval(live);
                checkAbort(watch, live, ledger, run);
            };
            LoadRun started = new LoadGenerator(clock, ledger, settings.threads()).start(scenario, combined);
            load.set(started);
            if (earlyStop.get() != null) {
                started.stop(earlyStop.get());
            }
            LoadReport report = started.await();
            run.complete(results(scenario, report, ledger));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.fail(e);
        } catch (RuntimeException | Error e) {
            LOG.error("the run failed", e);
            run.fail(e);
        }
    }

    private void checkAbort(AbortWatch watch, LiveStats live, JobLedger ledger, StressRun run) {
        if (!watch.active()) {
            return;
        }
        RunResults partial = new RunResults.Builder().load(live.totals()).jobs(ledger.summary()).build();
        watch.broken(Duration.ofMillis((long) (live.elapsedSeconds() * 1000)), new ResultsMetrics(partial))
                .ifPresent(gate -> run.stop("gate \"" + gate.expression() + "\" broke with abortOnFail: " + gate.message()));
    }

    private RunResults results(Scenario scenario, LoadReport report, JobLedger ledger) {
        RunResults.Builder b = new RunResults.Builder()
                .runId(UUID.randomUUID().toString())
                .scenario(new ScenarioInfo(scenario.name(), scenario.description(), scenario.source().file(),
                        scenario.source().sha256(), scenario.target() == null ? null : scenario.target().toString()))
                .startedAt(report.startedAt())
                .durationMs(report.durationNanos() / 1_000_000)
                .generator(report.generator())
                .phases(report.phases())
                .load(report.load())
                .timeSeries(report.timeSeries())
                .runCookie(settings.runCookie())
                .jobs(scenario.hasJobs() ? ledger.summary() : null);
        b.status(status(report), statusReason(report));
        RunResults measured = b.build();
        List<GateResult> gates = new GateEvaluator().evaluate(scenario.gates(), new ResultsMetrics(measured));
        return measured.toBuilder().gates(gates).build();
    }

    private static RunStatus status(LoadReport report) {
        if (!report.completed()) {
            return RunStatus.INTERRUPTED;
        }
        LoadSummary all = report.load().get(RunResults.ALL);
        return all.requests() == 0 && all.dropped() == 0 ? RunStatus.ERROR : RunStatus.COMPLETED;
    }

    private static String statusReason(LoadReport report) {
        if (!report.completed()) {
            return report.stopReason();
        }
        LoadSummary all = report.load().get(RunResults.ALL);
        return all.requests() == 0 && all.dropped() == 0 ? "the run sent no request" : null;
    }
}
