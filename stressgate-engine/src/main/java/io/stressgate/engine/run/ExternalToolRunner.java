package io.stressgate.engine.run;

import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.load.LoadReport;
import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ServiceException;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an external load tool's phase: starts the tool like a service (argument array, run cookie, output kept in
 * {@code external/<phase>-1.log}), waits for its end, its timeout or a stop, stops it with its children, and reads
 * its own results into the run's load figures. A tool that could not start, failed, or outlived its timeout makes
 * the run an ERROR; an exit code the tool uses for "my thresholds failed" is recorded and the gates still decide.
 */
final class ExternalToolRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalToolRunner.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path outputDir;
    private final String runCookie;
    private final long originNanos;
    private final Clock clock;
    private final ToolResults results;
    private volatile String stopReason;

    /** What the tool's run gave: the load figures (null when nothing could be read), its record, and the error if any. */
    record Outcome(LoadReport report, ExternalRun external, String error, ImportedResults source) {
    }

    ExternalToolRunner(Path outputDir, String runCookie, long originNanos, Clock clock, ToolResults results) {
        this.outputDir = outputDir;
        this.runCookie = runCookie;
        this.originNanos = originNanos;
        this.clock = clock;
        this.results = results;
    }

    /** Asks the tool to stop (a signal, an abort): it gets its stop signal, then KILL after the stop grace. */
    void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Runs the phase; {@code started} gets the tool's start on the {@link System#nanoTime()} line (chaos counts from it). */
    Outcome run(LoadPhase phase, LongConsumer started) throws InterruptedException {
        ExecutorSpec.External e = (ExecutorSpec.External) phase.executor();
        Path base = outputDir.resolve("external");
        ToolFolder folder;
        try {
            folder = ToolFolder.prepare(base, phase.name());
        } catch (IOException ex) {
            return failed(phase, e, null, "the output folder for external tool " + phase.name() + " could not be prepared: " + ex.getMessage());
        }
        ServiceSpec tool = folder.fill(e.tool());
        Path resultsPath = folder.resultsPath(e.results().path(), tool.workdir());
        ServiceManager manager = new ServiceManager(base, runCookie, originNanos, ProcFs.system(), new CommandRunner(outputDir.resolve("tmp")));
        manager.expectExits();
        String log = outputDir.relativize(base.resolve(phase.name() + "-1.log")).toString();
        if (stopReason != null) {
            return new Outcome(null, record(phase, e, tool, log, null, null, null, "not-started", "the run was stopped before the tool started: " + stopReason, null), null, null);
        }
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        try {
            manager.start(List.of(tool));
        } catch (ServiceException ex) {
            String why = "external tool " + phase.name() + " could not be started: " + ex.getMessage();
            return new Outcome(null, record(phase, e, tool, log, null, null, null, "not-started", why, null), why, null);
        }
        LOG.info("external tool {} started: {} (timeout {})", phase.name(), tool.command(), Quantities.format(e.timeout()));
        started.accept(start);
        Ended ended = await(manager, phase.name(), start + e.timeout().toNanos());
        List<ServiceReport> stopped = manager.stop();
        Integer code = ended.code != null ? ended.code : exitCode(stopped);
        long endNanos = ended.atNanos;
        String outcome = outcome(e, ended, code);
        String message = message(phase, e, ended, code, outcome, folder.tail(base.resolve(phase.name() + "-1.log")));
        LOG.info("external tool {} ended: {}", phase.name(), message);
        boolean ran = outcome.equals("passed") || outcome.equals("thresholds") || outcome.equals("stopped");
        ToolResults.Read read = null;
        String error = ran ? null : message;
        if (ran) {
            try {
                folder.requireFresh(resultsPath, startedAt);
                read = results.read(e.results().format(), resultsPath, startedAt, Duration.ofNanos(endNanos - start),
                        base.resolve(phase.name() + "-1.log"));
            } catch (IOException | RuntimeException ex) {
                error = outcome.equals("stopped") ? null : "the results of external tool " + phase.name() + " ("
                        + e.results().format() + " at " + resultsPath + ") could not be read: " + ex.getMessage();
                LOG.error("{}", error == null ? ex.getMessage() : error);
            }
        }
        ExternalRun.Imported imported = read == null ? null : read.imported();
        ExternalRun external = record(phase, e, tool, log, start, endNanos, code, outcome, message, imported);
        return new Outcome(report(phase, startedAt, start, endNanos, read, ended.stoppedFor), external, error,
                read == null ? null : read.source());
    }

    /** How the wait ended: the exit code when the tool ended by itself, and whether its timeout or a stop ended it. */
    private record Ended(Integer code, boolean timedOut, String stoppedFor, long atNanos) {
    }

    private Ended await(ServiceManager manager, String name, long deadline) throws InterruptedException {
        while (true) {
            Optional<Integer> code = manager.awaitExit(name, POLL);
            long now = System.nanoTime();
            if (code.isPresent()) {
                return new Ended(code.get(), false, null, now);
            }
            if (stopReason != null) {
                return new Ended(null, false, stopReason, now);
            }
            if (now - deadline > 0) {
                return new Ended(null, true, null, now);
            }
        }
    }

    private static Integer exitCode(List<ServiceReport> stopped) {
        return stopped.stream().flatMap(s -> s.replicas().stream()).map(ServiceReport.Replica::exitCode)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String outcome(ExecutorSpec.External e, Ended ended, Integer code) {
        if (ended.timedOut) {
            return "timed-out";
        }
        if (ended.stoppedFor != null) {
            return "stopped";
        }
        if (code != null && code == 0) {
            return "passed";
        }
        return code != null && e.thresholdExitCodes().contains(code) ? "thresholds" : "failed";
    }

    private static String message(LoadPhase phase, ExecutorSpec.External e, Ended ended, Integer code, String outcome, String tail) {
        String exit = code == null ? "" : " (exit code " + code + ")";
        String lastLines = tail.isBlank() ? "" : "; its last output: " + tail;
        return switch (outcome) {
            case "timed-out" -> "external tool " + phase.name() + " still ran after its timeout " + Quantities.format(e.timeout())
                    + " and was stopped with its children" + exit + lastLines;
            case "stopped" -> "external tool " + phase.name() + " was stopped with its children: " + ended.stoppedFor + exit;
            case "passed" -> "external tool " + phase.name() + " exited with code 0";
            case "thresholds" -> "external tool " + phase.name() + " exited with code " + code + ", which " + e.results().format()
                    + " uses when its own thresholds failed; the gates decide";
            default -> "external tool " + phase.name() + " failed" + exit + lastLines;
        };
    }

    private ExternalRun record(LoadPhase phase, ExecutorSpec.External e, ServiceSpec tool, String log, Long start, Long end,
                               Integer code, String outcome, String message, ExternalRun.Imported imported) {
        return new ExternalRun(phase.name(), e.results().format(), tool.command(), log,
                start == null ? null : (start - originNanos) / 1_000_000, end == null ? null : (end - originNanos) / 1_000_000,
                code, outcome, message, imported);
    }

    private Outcome failed(LoadPhase phase, ExecutorSpec.External e, Integer code, String why) {
        return new Outcome(null, record(phase, e, e.tool(), null, null, null, code, "not-started", why, null), why, null);
    }

    /** The load report of the tool's run: one phase from its start to its end and the figures read from its results. */
    private static LoadReport report(LoadPhase phase, Instant startedAt, long start, long end, ToolResults.Read read,
                                     String stoppedFor) {
        if (read == null && stoppedFor == null) {
            return null;
        }
        ToolResults.Read figures = read != null ? read : ToolResults.Read.nothing();
        LoadSummary all = figures.load().get(RunResults.ALL);
        PhaseSummary summary = new PhaseSummary(phase.name(), "external", 0, (end - start) / 1_000_000, all.requests(),
                all.requests() - all.errors(), 0, 0, 0);
        return new LoadReport(startedAt, start, end - start, end, List.of(summary), figures.load(), figures.timeSeries(),
                null, List.of(), stoppedFor, null);
    }
}
