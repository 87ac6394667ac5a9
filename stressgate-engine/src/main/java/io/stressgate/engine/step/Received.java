package io.stressgate.engine.step;

/** A document read back from the agent: the parsed value, or why there is none (missing, refused, invalid). */
public record Received<T>(T value, String problem) {
    public Received {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of value and problem");
        }
    }

    public static <T> Received<T> of(T value) {
        return new Received<>(value, null);
    }

    public static <T> Received<T> failed(String problem) {
        return new Received<>(null, DisplayText.clamp(problem, 500));
    }

    public boolean ok() {
        return value != null;
    }
}
