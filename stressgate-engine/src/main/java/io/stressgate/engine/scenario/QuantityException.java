package io.stressgate.engine.scenario;

/** A duration, size, rate, percentage or count that could not be read, with the offending text. */
public final class QuantityException extends IllegalArgumentException {
    private final String text;

    public QuantityException(String text, String message) {
        super(message);
        this.text = text;
    }

    /** The text that was rejected, as written. */
    public String text() {
        return text;
    }
}
