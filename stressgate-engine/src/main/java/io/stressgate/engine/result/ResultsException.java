package io.stressgate.engine.result;

/** A results document that cannot be accepted, with the JSON pointer of the problem and what kind it is. */
public final class ResultsException extends Exception {
    /** What is wrong, which decides the HTTP status a service answers with. */
    public enum Kind {
        /** Not JSON, or not of the right shape (400). */
        MALFORMED,
        /** A schema version this reader does not know (400). */
        UNSUPPORTED_VERSION,
        /** Well-formed but impossible: negative latencies, p99 below p50, a PASSED run that did not complete (422). */
        INVALID,
        /** Larger than the limit (413). */
        TOO_LARGE
    }

    private final Kind kind;
    private final String pointer;

    public ResultsException(Kind kind, String pointer, String message) {
        super((pointer == null || pointer.isEmpty() ? "" : pointer + ": ") + message);
        this.kind = kind;
        this.pointer = pointer == null ? "" : pointer;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON pointer (RFC 6901) of the offending value; empty for the whole document. */
    public String pointer() {
        return pointer;
    }
}
