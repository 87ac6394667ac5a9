package io.stressgate.engine.metrics;

import java.util.function.LongConsumer;

/** Reads single processes by pid: their figures, and their direct children. */
public interface ProcessReader {
    /** The process now, or null when it no longer exists or cannot be read. */
    ProcessSample read(long pid);

    /** Hands every direct child of a process just read to {@code children}; nothing when it is gone. */
    void children(ProcessSample process, LongConsumer children);
}
