package io.stressgate.engine.process;

/** A process identity that survives PID reuse: the pid and its start time in clock ticks since boot. */
public record ProcessKey(long pid, long startTicks) {
    @Override
    public String toString() {
        return pid + "@" + startTicks;
    }
}
