package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process (or several replicas of it) that the run starts before the load and stops after it. The command is an
 * argument array run without a shell; {@code {{replica}}} in an argument, environment value, the working directory,
 * the readiness target or the stop command becomes the replica's number (1..replicas). {@code restart} restarts a
 * replica that dies during the run (a supervisor stand-in).
 */
public record ServiceSpec(String name, List<String> command, Map<String, String> env, String workdir, int replicas,
                          ReadinessCheck ready, StopSpec stop, boolean restart, Location location) {
    public ServiceSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** How the run knows a service is up: a TCP port accepts, an HTTP URL answers 2xx, or a log line appears. */
    public record ReadinessCheck(Kind kind, String target, Duration timeout, Duration interval) {
        public enum Kind { NONE, TCP, HTTP, LOG }

        public static final ReadinessCheck NONE = new ReadinessCheck(Kind.NONE, "", Duration.ZERO, Duration.ZERO);
    }

    /** How a service is stopped: a signal to its process tree, then KILL after {@code grace}; or a stop command. */
    public record StopSpec(String signal, Duration grace, List<String> command) {
        public static final StopSpec DEFAULT = new StopSpec("TERM", Duration.ofSeconds(10), List.of());

        public StopSpec {
            command = List.copyOf(command);
        }
    }
}
