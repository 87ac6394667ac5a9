package io.stressgate.engine.result;

/** Which scenario a run ran: its name, description, file and the SHA-256 of the file. */
public record ScenarioInfo(String name, String description, String file, String sha256, String target) {
}
