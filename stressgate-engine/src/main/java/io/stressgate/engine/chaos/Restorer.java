package io.stressgate.engine.chaos;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.process.SignalSender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Performs the restores the ledger owes: runs a restore command (without the run and build cookies, so that what it
 * starts again outlives the build like the original did) or sends CONT to paused processes. A restore that fails
 * stays in the ledger for the next attempt and is reported as failed.
 */
public final class Restorer {
    private final RestoreLedger ledger;
    private final CommandRunner runner;
    private final SignalSender sender;
    private final AuditLog audit;
    private final Duration timeout;

    public Restorer(RestoreLedger ledger, CommandRunner runner, SignalSender sender, AuditLog audit, Duration timeout) {
        this.ledger = ledger;
        this.runner = runner;
        this.sender = sender;
        this.audit = audit;
        this.timeout = timeout;
    }

    /**
     * How one restore went, and how long it took. {@code reused} names the paused processes whose pid came to belong
     * to another process: nothing was sent to them, and the restore is not owed any more, but it did not happen.
     */
    public record Restored(LedgerEntry entry, boolean ok, String message, Duration took, List<String> reused) {
        public Restored {
            reused = List.copyOf(reused);
        }
    }

    /** Restores what exited runs left in the ledger. */
    public List<Restored> restoreLeftovers() throws IOException {
        return restoreAll(ledger.leftovers());
    }

    /** Restores everything this process still owes. */
    public List<Restored> restoreMine() throws IOException {
        return restoreAll(ledger.mine());
    }

    private List<Restored> restoreAll(List<LedgerEntry> entries) {
        List<Restored> results = new ArrayList<>();
        entries.forEach(e -> results.add(restore(e)));
        return results;
    }

    /** Performs one restore; on success the entry is marked done. */
    public Restored restore(LedgerEntry entry) {
        long start = System.nanoTime();
        List<String> reused = new ArrayList<>();
        String failure = entry.kind() == LedgerEntry.Kind.COMMAND ? runCommand(entry) : sendCont(entry, reused);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (failure == null) {
            try {
                ledger.done(entry.id());
            } catch (IOException e) {
                failure = "restored, but the ledger could not record it (it may run again): " + e.getMessage();
            }
        }
        boolean ok = failure == null;
        String message = ok ? "restored " + entry.describe() : "restore FAILED for " + entry.describe() + ": " + failure
                + "; the ledger keeps it for the next attempt";
        if (!reused.isEmpty()) {
            message += "; " + String.join("; ", reused);
        }
        audit.write(ok ? "restored" : "restore-failed", entry.name(), message);
        return new Restored(entry, ok, message, took, reused);
    }

    private String runCommand(LedgerEntry entry) {
        Path workdir = entry.workdir() == null ? null : Path.of(entry.workdir());
        if (workdir != null && !Files.isDirectory(workdir)) {
            workdir = null;
        }
        CommandRunner.Result result = runner.run(entry.restore(), timeout, Map.of(), CommandRunner.COOKIE_VARIABLES, workdir);
        return result.succeeded() ? null : "restore command " + entry.restore() + " " + result.describe();
    }

    private String sendCont(LedgerEntry entry, List<String> reused) {
        List<String> failures = new ArrayList<>();
        for (ProcessKey key : entry.paused()) {
            SignalSender.Sent sent = sender.send(key, Signal.CONT);
            if (sent.outcome() == SignalSender.Outcome.FAILED) {
                failures.add(sent.message());
            } else if (sent.outcome() == SignalSender.Outcome.REUSED) {
                // The paused process is gone and a stranger has its pid: CONT is not owed to the stranger.
                reused.add("CONT not sent: " + sent.message());
            }
        }
        return failures.isEmpty() ? null : String.join("; ", failures);
    }
}
