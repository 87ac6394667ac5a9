package io.stressgate.engine.scenario;

import java.time.Duration;

/** A named stretch of load: when it starts, how iterations are scheduled, and what one iteration does. */
public record LoadPhase(String name, ExecutorSpec executor, Flow flow, StartAfter startAfter, Duration think, Location location) {
}
