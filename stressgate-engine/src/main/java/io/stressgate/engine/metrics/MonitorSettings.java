package io.stressgate.engine.metrics;

import io.stressgate.engine.scenario.QueueSpec;
import io.stressgate.engine.scenario.RunOptions;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the monitor samples and where the full-resolution table goes: the interval, whether the machine is sampled,
 * the process groups and queues, the default drain limit, the Redis command timeout, the metrics.csv path (null
 * for none) and how many rows results.json keeps at most.
 */
public record MonitorSettings(Duration interval, boolean machine, List<String> groups, List<QueueSpec> queues,
                              Duration drainTimeout, Duration redisTimeout, Path csvFile, int maxRows) {
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);
    public static final int DEFAULT_MAX_ROWS = 3600;

    public MonitorSettings {
        groups = List.copyOf(groups);
        queues = List.copyOf(queues);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sampling interval must be positive, was " + interval);
        }
    }

    /** The settings a scenario implies: its sampling, watched groups and queues, and the run's drain timeout. */
    public static MonitorSettings of(SystemUnderTest sut, RunOptions options, Path csvFile) {
        return new MonitorSettings(sut.sampling().interval(), sut.sampling().system(), sut.watchedNames(),
                sut.queues(), options.drainTimeout(), DEFAULT_REDIS_TIMEOUT, csvFile, DEFAULT_MAX_ROWS);
    }
}
