package io.stressgate.engine.metrics;

import java.util.function.LongConsumer;

/** Reads single processes by pid: their figures, and their direct children. */
public interface ProcessReader extends AutoCloseable {
    /** The process now, or null when it no longer exists (or is a zombie) or cannot be read. */
    ProcessSample read(long pid);

    /** Hands every direct child of a process just read to {@code children}; nothing when it is gone. */
    void children(ProcessSample process, LongConsumer children);

    /** A sampling tick ended: resources kept for processes not read in it may be released. */
    default void endTick() {
    }

    /** Releases whatever the reader keeps open. */
    @Override
    default void close() {
    }
}
