package io.stressgate.engine.run;

import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Scenario;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario from start to verdict on a thread of its own: the system under test (services, samplers, chaos,
 * orphans), the load, job accounting and every gate. A run that did not complete is never PASSED.
 */
public final class StressRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StressRunner.class);

    private final Clock clock;
    private final RunSettings settings;

    public StressRunner(Clock clock, RunSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** The stand-in results to write before the run starts: status RUNNING with this run's id and start. */
    public RunResults inProgress(Scenario scenario) {
        return RunAssembler.inProgress(scenario, settings, clock.instant());
    }

    /** Starts the run in the background. */
    public StressRun start(Scenario scenario, LoadListener listener) {
        AtomicReference<RunPipeline> pipeline = new AtomicReference<>();
        StressRun run = new StressRun(new StressRun.Control() {
            @Override
            public void stop(String reason) {
                pipeline.get().stop(reason);
            }

            @Override
            public void interrupt(String reason) {
                pipeline.get().interrupt(reason);
            }

            @Override
            public void hurry(String reason) {
                pipeline.get().hurry(reason);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> restored() {
                return pipeline.get().restored();
            }
        });
        pipeline.set(new RunPipeline(clock, settings, scenario, listener, run));
        Thread thread = new Thread(() -> {
            try {
                run.complete(pipeline.get().execute());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.fail(e);
            } catch (RuntimeException | Error e) {
                LOG.error("the run failed", e);
                run.fail(e);
            }
        }, "stressgate-run");
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    /** Runs to the end on the calling thread. */
    public RunResults run(Scenario scenario, LoadListener listener) throws InterruptedException {
        return start(scenario, listener).await();
    }
}
