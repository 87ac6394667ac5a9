package io.stressgate.engine.scenario;

/** Where a scenario came from: the file name as given and the SHA-256 of its bytes. */
public record ScenarioSource(String file, String sha256) {
}
