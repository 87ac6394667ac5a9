package io.stressgate.engine.scenario;

import java.time.Duration;

/**
 * Sizes beyond which a scenario is taken for a mistake and refused before anything runs (a 10-year duration,
 * ten million virtual users). {@code maxBodyBytes} caps a response's size, {@code maxGeneratedBodyBytes} a
 * {@code bodySize}.
 */
public record ScenarioLimits(Duration maxDuration, int maxVus, double maxRatePerSecond, int maxInFlight,
                             int maxBurst, Duration maxTimeout, int maxPhases, int maxStages, int maxRequestsPerFlow,
                             long maxBodyBytes, int maxGates, long maxGeneratedBodyBytes) {

    public static final ScenarioLimits DEFAULTS = new ScenarioLimits(Duration.ofDays(7), 100_000, 1_000_000, 100_000,
            100_000, Duration.ofHours(1), 100, 1_000, 100, 64L << 20, 500, 1L << 40);
}
