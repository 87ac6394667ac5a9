package io.stressgate.engine.result;

/** A process that outlived the run, and why it counts as an orphan. */
public record OrphanReport(long pid, long ppid, String command, Reason why, String detail, boolean reaped) {
    /** What marks a process as left behind. */
    public enum Reason {
        /** It carries the run cookie in its environment. */
        COOKIE,
        /** It descends from a watched process and outlived its parent. */
        REPARENTED,
        /** It matches the orphan pattern and was not there before the run. */
        PATTERN,
        /** It is a zombie: exited but never reaped by its parent. */
        ZOMBIE
    }
}
