package io.stressgate.engine.metrics;

/** Reads the machine's CPU counters, memory, swap and load. */
public interface MachineReader {
    MachineSample read();
}
