package io.stressgate.engine.scenario;

import java.time.Duration;

/** How often resources and queues are sampled, and whether the machine itself is sampled. */
public record SamplingSpec(Duration interval, boolean system) {
    public static final SamplingSpec DEFAULTS = new SamplingSpec(Duration.ofMillis(100), true);
}
