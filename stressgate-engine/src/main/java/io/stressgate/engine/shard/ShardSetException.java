package io.stressgate.engine.shard;

import java.nio.file.Path;

/** Shard results that cannot be merged at all (missing, duplicate, mismatched or unreadable), naming the file. */
public final class ShardSetException extends Exception {
    private final Path file;

    public ShardSetException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public ShardSetException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file (or directory) the problem is about. */
    public Path file() {
        return file;
    }
}
