package io.stressgate.engine.step;

/** A file written by the agent side that was not read: missing, outside its directory, a link, or too large. */
public final class UntrustedFileException extends Exception {
    /** Why the file was not read. */
    public enum Kind {
        /** There is no such file. */
        MISSING,
        /** The path leaves its directory, passes through a symbolic link, or is not a regular file. */
        REFUSED,
        /** The file is larger than the cap; nothing of it was read. */
        TOO_LARGE
    }

    private final Kind kind;

    public UntrustedFileException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
