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

    /** Starts the run in the background. */
    public StressRun start(Scenario scenario, LoadListener listener) {
        AtomicReference<RunPipeline> pipeline = new AtomicReference<>();
        StressRun run = new StressRun(reason -> {
            RunPipeline p = pipeline.get();
            if (p != null) {
                p.stop(reason);
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
