package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.tasks.JobEvents;
import java.time.Clock;
import java.util.function.Function;

/**
 * Generates the HTTP load a scenario describes: closed and open models, phases in sequence or side by side, on
 * event-loop threads of its own. {@code threads} 0 means one loop per available core.
 */
public final class LoadGenerator {
    private final Clock clock;
    private final Function<String, JobEvents> jobs;
    private final int threads;

    /** {@code jobs} gives the accounting of each phase's job chain by phase name (null for phases without one). */
    public LoadGenerator(Clock clock, Function<String, JobEvents> jobs, int threads) {
        this.clock = clock;
        this.jobs = jobs;
        this.threads = threads;
    }

    /** Starts the load in the background; {@link LoadRun#await()} returns what it measured. */
    public LoadRun start(Scenario scenario, LoadListener listener) {
        LoadRun run = create(scenario, listener);
        run.begin(null);
        return run;
    }

    /** The load, not begun: {@link LoadRun#begin} warms up, connects and starts its clock (at an agreed instant). */
    public LoadRun create(Scenario scenario, LoadListener listener) {
        int loops = threads > 0 ? threads : scenario.options().threads() > 0 ? scenario.options().threads()
                : Runtime.getRuntime().availableProcessors();
        return new LoadRun(clock, scenario, jobs, loops, listener);
    }
}
