package io.stressgate.cli;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRun;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Runs a loaded scenario the way every command does: the output directory made this run's (its earlier outputs
 * replaced by "in progress" ones) before anything starts, live progress, Ctrl-C/SIGTERM handling, then the reports.
 */
final class RunExecution {
    /** The environment variable a host sets to give the run its cookie (inherited by every started process). */
    static final String COOKIE_VARIABLE = "STRESSGATE_RUN";

    private RunExecution() {
    }

    /** Runs to the end (or the first signal) and writes the reports into {@code out}; threads 0 = the scenario's. */
    static RunResults execute(Scenario scenario, Path out, int threads, Progress progress) throws IOException, InterruptedException {
        return execute(scenario, out, threads, progress, UnaryOperator.identity());
    }

    /** As {@link #execute(Scenario, Path, int, Progress)}, with {@code finish} applied to the results before they are written. */
    static RunResults execute(Scenario scenario, Path out, int threads, Progress progress, UnaryOperator<RunResults> finish)
            throws IOException, InterruptedException {
        return execute(scenario, out, threads, progress, finish, null);
    }

    /** As above, the load's clock starting at {@code startAt} (the agreed start of a sharded run) when not null. */
    static RunResults execute(Scenario scenario, Path out, int threads, Progress progress, UnaryOperator<RunResults> finish,
                              Instant startAt) throws IOException, InterruptedException {
        Path dir = OutputDirectory.prepare(out);
        String cookie = System.getenv().getOrDefault(COOKIE_VARIABLE, UUID.randomUUID().toString());
        StressRunner runner = new StressRunner(Clock.systemUTC(), new RunSettings(cookie, dir, threads).startingAt(startAt));
        OutputDirectory.claim(dir, runner.inProgress(scenario));
        StressRun run = runner.start(scenario, progress);
        Signals.handle(run);
        RunResults results = finish.apply(run.await());
        progress.finish();
        Reports.write(results, dir);
        return results;
    }
}
