package io.stressgate.engine.run;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.imports.ImportedMetrics;
import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.load.LoadReport;
import io.stressgate.engine.process.FdGrowth;
import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.Severity;
import io.stressgate.engine.scenario.ShardRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a run measured into {@link RunResults}: one time line from the run's start (the load's figures are
 * shifted onto it), the status and its reason, and every gate decided. A scenario with chaos also gets the gate
 * {@code chaos.failed == 0} unless it states its own, so a fault that was not injected or not undone fails the run,
 * and every scenario gets {@code iterations.succeeded > 0}, so a run in which nothing succeeded is never PASSED.
 */
final class RunAssembler {
    static final String CHAOS_GATE = "chaos.failed == 0";
    /** A run in which no iteration succeeded tested nothing, whatever its own gates say (or when it has none). */
    static final String SUCCESS_GATE = "iterations.succeeded > 0";

    /**
     * What the run measured. {@code signalledBeforeLoad} is the reason of a signal that came before the load
     * started (while services started, say): that run is INTERRUPTED, not ERROR, whatever the cut-off start said.
     * {@code toolResults} is an external tool's results as read (null without one): a latency statistic the tool did
     * not report breaks its gate saying so, instead of reading as never timed.
     */
    record Measured(Instant startedAt, long originNanos, long endNanos, LoadReport load, JobsSummary jobs, String error,
            String signalledBeforeLoad, ExternalRun external, ImportedResults toolResults) {
    }

    /**
     * The stand-in results a host writes when the run starts, in place of an earlier run's: status RUNNING (never
     * PASSED), this run's id and start, no figures. Found after the run should have ended, they mean it was killed.
     */
    static RunResults inProgress(Scenario scenario, RunSettings settings, Instant startedAt) {
        Map<String, LoadSummary> empty = new LinkedHashMap<>();
        empty.put(RunResults.ALL, nothing());
        return new RunResults.Builder().runId(settings.runId()).scenario(info(scenario)).startedAt(startedAt)
                .runCookie(settings.runCookie()).load(empty)
                .status(RunStatus.RUNNING, "the run that started at " + startedAt + " has not finished: these files stand in "
                        + "for its results until it ends. If it is not running any more, it was killed (SIGKILL, a second "
                        + "signal, a crash) before it could write them, so there is no result")
                .build();
    }

    private static ScenarioInfo info(Scenario scenario) {
        return new ScenarioInfo(scenario.name(), scenario.description(), scenario.source().file(), scenario.source().sha256(),
                scenario.target() == null ? null : scenario.target().toString());
    }

    /** The results; {@code system} is null when the session could not even be set up. */
    RunResults assemble(Scenario scenario, RunSettings settings, Measured m, SystemSession system) {
        RunResults.Builder b = new RunResults.Builder()
                .runId(settings.runId())
                .scenario(info(scenario))
                .startedAt(m.startedAt())
                .durationMs((m.endNanos() - m.originNanos()) / 1_000_000)
                .runCookie(settings.runCookie())
                .jobs(scenario.hasJobs() ? m.jobs() : null)
                .shard(shard(scenario, settings, m))
                .external(m.external());
        loadParts(b, scenario, m);
        if (system != null) {
            system.fill(b);
        }
        status(b, m);
        RunResults filled = b.build();
        RunResults measured = filled.leaks() == null || m.load() == null ? filled : filled.toBuilder()
                .leaks(FdGrowth.classify(filled.leaks(), filled.samples(), (m.load().startNanos() - m.originNanos()) / 1e9))
                .build();
        MetricSource metrics = new ResultsMetrics(measured);
        if (m.toolResults() != null) {
            metrics = new ImportedMetrics(m.toolResults(), metrics);
        }
        List<GateResult> gates = new GateEvaluator().evaluate(gates(scenario), metrics);
        return measured.toBuilder().gates(gates).build();
    }

    /**
     * A shard's place in its run, with how many ms after the agreed start its load's clock really started (null
     * without an agreed start or when the load never started); null for a run that is not a shard.
     */
    private static ShardInfo shard(Scenario scenario, RunSettings settings, Measured m) {
        ShardRole role = scenario.shard();
        if (role == null) {
            return null;
        }
        Long offset = settings.startAt() == null || m.load() == null ? null
                : Duration.between(settings.startAt(), m.load().startedAt()).toMillis();
        return new ShardInfo(role.index(), role.count(), role.group(), role.primary(), offset);
    }

    private static void loadParts(RunResults.Builder b, Scenario scenario, Measured m) {
        LoadReport load = m.load();
        if (load == null) {
            Map<String, LoadSummary> empty = new LinkedHashMap<>();
            empty.put(RunResults.ALL, nothing());
            scenario.requestNames().forEach(n -> empty.put(n, nothing()));
            b.load(empty).breakingPoint(neverRan(scenario));
            return;
        }
        long offsetNanos = load.startNanos() - m.originNanos();
        b.load(load.load()).checks(load.checks()).generator(load.generator()).breakingPoint(load.breakingPoint()).phases(shiftPhases(load.phases(), offsetNanos / 1_000_000))
                .timeSeries(shift(load.timeSeries(), offsetNanos / 1e9));
    }

    /** The breaking point of a run whose load never ran: nothing was found, and the results say so. */
    private static BreakingPoint neverRan(Scenario scenario) {
        return scenario.load().stream().map(LoadPhase::executor).filter(ExecutorSpec.SteppingArrivalRate.class::isInstance)
                .map(ExecutorSpec.SteppingArrivalRate.class::cast).findFirst()
                .map(s -> new BreakingPoint(scenario.load().stream().filter(p -> p.executor() == s).findFirst().orElseThrow().name(),
                        BreakingPoint.Outcome.CUT_SHORT, null, null, "the load never ran", s.max().perSecond(),
                        s.stepDuration().toMillis(), List.of()))
                .orElse(null);
    }

    private static void status(RunResults.Builder b, Measured m) {
        if (m.signalledBeforeLoad() != null) {
            b.status(RunStatus.INTERRUPTED, m.signalledBeforeLoad() + " before the load started"
                    + (m.error() != null ? " (" + m.error() + ")" : ""));
        } else if (m.error() != null) {
            b.status(RunStatus.ERROR, m.error());
        } else if (m.load() == null) {
            b.status(RunStatus.ERROR, "the load did not run");
        } else if (!m.load().completed()) {
            b.status(RunStatus.INTERRUPTED, m.load().stopReason());
        } else {
            LoadSummary all = m.load().load().get(RunResults.ALL);
            boolean nothingSent = all.requests() == 0 && all.dropped() == 0;
            b.status(nothingSent ? RunStatus.ERROR : RunStatus.COMPLETED, nothingSent ? "the run sent no request" : null);
        }
    }

    private static List<GateSpec> gates(Scenario scenario) {
        List<GateSpec> gates = new ArrayList<>(scenario.gates());
        if (!scenario.system().chaos().isEmpty() && !states(gates, "chaos.failed")) {
            gates.add(builtIn(scenario, CHAOS_GATE));
        }
        if (!states(gates, "iterations.succeeded")) {
            gates.add(builtIn(scenario, SUCCESS_GATE));
        }
        return gates;
    }

    private static boolean states(List<GateSpec> gates, String metric) {
        return gates.stream().anyMatch(g -> g.expression().metric().toString().equals(metric));
    }

    private static GateSpec builtIn(Scenario scenario, String expression) {
        return new GateSpec(GateExpression.parse(expression), Severity.FAIL, false, Duration.ZERO,
                new Location(scenario.source().file(), 0, 0));
    }

    private static LoadSummary nothing() {
        return new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0, Histograms.encode(Histograms.forRequests()));
    }

    private static List<PhaseSummary> shiftPhases(List<PhaseSummary> phases, long offsetMs) {
        return phases.stream().map(p -> new PhaseSummary(p.name(), p.executor(), p.startMs() + offsetMs, p.endMs() + offsetMs,
                p.iterations(), p.completed(), p.interrupted(), p.dropped(), p.maxConcurrency())).toList();
    }

    private static TimeSeries shift(TimeSeries series, double offsetSeconds) {
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        series.byName().forEach((name, points) -> byName.put(name, shift(points, offsetSeconds)));
        return new TimeSeries(series.intervalMs(), shift(series.all(), offsetSeconds), byName);
    }

    private static List<IntervalPoint> shift(List<IntervalPoint> points, double offsetSeconds) {
        return points.stream().map(p -> new IntervalPoint(Histograms.round(p.t() + offsetSeconds), p.requests(), p.errors(),
                p.dropped(), p.rps(), p.p50(), p.p95(), p.p99(), p.max(), p.inFlight(), p.histogram())).toList();
    }
}
