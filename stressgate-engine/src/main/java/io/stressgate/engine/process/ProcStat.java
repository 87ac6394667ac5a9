package io.stressgate.engine.process;

/**
 * The fields of {@code /proc/<pid>/stat} the tool needs: identity (pid and start time in clock ticks since boot,
 * which together survive PID reuse), family (parent, process group, session), state ({@code Z} for a zombie)
 * and thread count.
 */
public record ProcStat(long pid, String comm, char state, long ppid, long pgid, long sid, int threads, long startTicks) {
    public boolean zombie() {
        return state == 'Z';
    }

    public ProcessKey key() {
        return new ProcessKey(pid, startTicks);
    }
}
