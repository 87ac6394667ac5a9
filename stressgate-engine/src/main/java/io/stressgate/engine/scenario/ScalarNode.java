package io.stressgate.engine.scenario;

/** A single value in a scenario file, kept as the text written (after variable substitution) and its YAML kind. */
public record ScalarNode(Location location, String path, String text, Kind type, boolean resolved) implements Node {
    public ScalarNode(Location location, String path, String text, Kind type) {
        this(location, path, text, type, true);
    }

    /** What the parser saw: a string, a number, true/false, or nothing. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public boolean isNull() {
        return type == Kind.NULL;
    }

    @Override
    public String kind() {
        return isNull() ? "an empty value" : "\"" + text + "\"";
    }
}
