package io.stressgate.engine.scenario;

import java.util.List;

/**
 * The gates of an imported run as a file gives them ({@code stressgate import --gates FILE}): an optional name and
 * description for the run (trends group runs by name), the gates with their file and line, and the file's SHA-256.
 */
public record GatesFile(String name, String description, List<GateSpec> gates, String file, String sha256) {
    public GatesFile {
        gates = List.copyOf(gates);
    }
}
