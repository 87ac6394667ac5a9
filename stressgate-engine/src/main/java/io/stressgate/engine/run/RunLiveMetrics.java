package io.stressgate.engine.run;

import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.load.LiveStats;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.MetricRef;

/**
 * The metrics of a run while it goes, for chaos conditions and gates with abortOnFail: HTTP and check figures from
 * the load's last interval totals, jobs from the accounting, queues, processes and the machine from the samplers.
 */
final class RunLiveMetrics implements MetricSource {
    private final MetricSource jobs;
    private final MetricSource samplers;
    private volatile MetricSource http = metric -> MetricValue.missing("no interval has ended yet");

    RunLiveMetrics(MetricSource jobs, MetricSource samplers) {
        this.jobs = jobs;
        this.samplers = samplers;
    }

    /** Called once per interval with the load's totals so far. */
    void update(LiveStats live) {
        http = new ResultsMetrics(new RunResults.Builder().load(live.totals()).checks(live.checks()).build());
    }

    @Override
    public MetricValue value(MetricRef metric) {
        return switch (metric.family()) {
            case "http", "checks" -> http.value(metric);
            case "jobs" -> jobs.value(metric);
            case "queue", "process", "system" -> samplers.value(metric);
            default -> MetricValue.missing(metric.family() + " is only known after the run");
        };
    }
}
