package io.stressgate.engine.metrics;

/** Reads the machine's CPU counters, memory, swap and load. */
public interface MachineReader extends AutoCloseable {
    MachineSample read();

    /** Releases whatever the reader keeps open; a later read opens it again. */
    @Override
    default void close() {
    }
}
