package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.file.Path;

/** A result file that cannot be read as its format says: the message names the file and, when known, the line. */
public final class ImportException extends IOException {
    private final transient Path file;
    private final long line;

    public ImportException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line (or XML line) of the problem, 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
