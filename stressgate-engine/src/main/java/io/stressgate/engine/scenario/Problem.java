package io.stressgate.engine.scenario;

/** One thing wrong with a scenario, with where it is and which key it concerns. */
public record Problem(Location location, String path, String message) {
    /** The key path a user reads, {@code (top)} for the document itself. */
    public String displayPath() {
        return path == null || path.isEmpty() ? "(top)" : path;
    }

    @Override
    public String toString() {
        return location + ": " + displayPath() + ": " + message;
    }
}
