package io.stressgate.engine.result;

import java.util.List;

/** A service the run started: its command, its replicas, how long it took to become ready, how it stopped. */
public record ServiceReport(String name, List<String> command, List<Replica> replicas, Long readyAfterMs,
                            boolean stoppedCleanly, String message) {
    public ServiceReport {
        command = List.copyOf(command);
        replicas = List.copyOf(replicas);
    }

    /** One process of a service: pid, when it started and ended (ms from run start), exit code, restarts. */
    public record Replica(int index, long pid, long startedMs, Long exitedMs, Integer exitCode, int restarts) {
    }
}
