package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcessKey;
import java.time.Instant;
import java.util.List;

/**
 * A restore the ledger owes: run {@code restore} (an argument array, in {@code workdir}) or send CONT to
 * {@code paused}. {@code owner} is the process that recorded it, in the boot {@code bootId}; while that process
 * runs, the entry is its own business, and once it is gone (or the machine rebooted), the entry is a leftover any run
 * restores.
 */
public record LedgerEntry(String id, String name, Kind kind, List<String> restore, List<ProcessKey> paused,
                          ProcessKey owner, String bootId, String workdir, Instant recordedAt) {
    public LedgerEntry {
        restore = restore == null ? List.of() : List.copyOf(restore);
        paused = paused == null ? List.of() : List.copyOf(paused);
    }

    /** What restoring means. */
    public enum Kind { COMMAND, CONTINUE }

    /** One line for logs and messages. */
    public String describe() {
        return name + " (" + (kind == Kind.COMMAND ? "restore " + restore : "CONT to " + paused) + ", recorded " + recordedAt
                + " by pid " + owner.pid() + ")";
    }
}
