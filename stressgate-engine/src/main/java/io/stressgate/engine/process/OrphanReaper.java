package io.stressgate.engine.process;

import io.stressgate.engine.result.OrphanReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the orphans a check found: TERM, the grace period, then KILL, each signal re-checking the start time so
 * that a pid reused since the check is never hit. Zombies cannot be signalled; they count as reaped once they are
 * gone (their parent was reaped). Other users' processes are left alone.
 */
public final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private final ProcFs proc;
    private final TreeTerminator terminator;
    private final int selfUid;

    public OrphanReaper(ProcFs proc, TreeTerminator terminator, int selfUid) {
        this.proc = proc;
        this.terminator = terminator;
        this.selfUid = selfUid;
    }

    /** Reaps what {@code findings} holds and returns the reports with {@code reaped} set for each one gone. */
    public List<OrphanReport> reap(OrphanDetector.Findings findings, Duration grace) throws InterruptedException {
        List<ProcessKey> targets = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (OrphanReport o : findings.orphans()) {
            ProcessKey key = findings.keys().get(o.pid());
            Optional<ProcessInfo> now = proc.process(o.pid()).filter(p -> p.key().equals(key));
            if (o.why() == OrphanReport.Reason.ZOMBIE || now.isEmpty()) {
                continue;
            }
            if (now.get().uid() != selfUid) {
                refused.add(o.pid() + " (uid " + now.get().uid() + ")");
                continue;
            }
            targets.add(key);
        }
        targets.sort(Comparator.comparingLong(ProcessKey::startTicks));
        if (!refused.isEmpty()) {
            LOG.warn("not reaping other users' processes: {}", refused);
        }
        if (!targets.isEmpty()) {
            LOG.info("reaping {} orphan(s): TERM, then KILL after {}", targets.size(), grace);
            terminator.terminate(targets, Signal.TERM, grace, List.of());
        }
        List<OrphanReport> out = new ArrayList<>();
        ProcessTable after = proc.table();
        for (OrphanReport o : findings.orphans()) {
            ProcessKey key = findings.keys().get(o.pid());
            boolean exited = o.why() != OrphanReport.Reason.ZOMBIE && key != null
                    && after.get(key.pid()).map(ProcStat::zombie).orElse(false); // dead, waiting for its new parent to reap it
            boolean gone = key == null || !after.alive(key) || exited;
            out.add(new OrphanReport(o.pid(), o.ppid(), o.command(), o.why(), o.detail(), gone));
        }
        return out;
    }
}
