package io.stressgate.cli;

import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.result.OrphanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code stressgate demo} tidies after a run: the processes the run left behind (found by its cookie, like the
 * helper a killed demo worker leaves, which the run reports as an orphan and does not touch) and its data directory.
 */
final class DemoCleanup {
    private DemoCleanup() {
    }

    /** Ends every process still carrying the run cookie and names each; the results already counted them. */
    static void endLeftovers(PrintWriter o, String runCookie) throws InterruptedException {
        if (runCookie == null || !Files.isDirectory(Path.of("/proc/self"))) {
            return;
        }
        OrphanScan.Result found = new OrphanScan(ProcFs.system()).scan(new OrphanScan.Request(Set.of(runCookie), List.of(),
                Duration.ZERO, true, Set.of(), System.getenv()));
        for (OrphanReport r : found.orphans()) {
            o.printf("  cleaned up after the demo: pid %d (%s) %s%n", r.pid(), r.command(), r.reaped() ? "ended" : "could NOT be ended");
        }
        o.flush();
    }

    /** Deletes a directory the demo created, with what the run wrote into it. */
    static void delete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
