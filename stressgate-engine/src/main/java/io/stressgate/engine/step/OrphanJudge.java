package io.stressgate.engine.step;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.result.OrphanReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Decides what an {@code assertNoOrphans} scan means for the build: SUCCESS only when the CLI exited 0 and its scan
 * lists nobody; orphans (exit 1 with a non-empty list) are FAILURE naming each one; anything else fails closed.
 */
public final class OrphanJudge {
    static final int MAX_LISTED = 20;

    public StepOutcome judge(int exitCode, Received<OrphanScan.Result> read) {
        if (!read.ok()) {
            return StepOutcome.failure("assertNoOrphans: no usable scan, so the assertion counts as FAILED. " + read.problem()
                    + " (the CLI exited with " + ExitCodes.meaning(exitCode) + ")", List.of());
        }
        OrphanScan.Result scan = read.value();
        List<String> lines = lines(scan.orphans());
        boolean found = !scan.orphans().isEmpty();
        int expected = found ? ExitCodes.FAILED : ExitCodes.PASSED;
        if (exitCode != expected) {
            return StepOutcome.failure("assertNoOrphans: the CLI exited with " + ExitCodes.meaning(exitCode) + " but its scan lists "
                    + scan.orphans().size() + " orphans; a scan that disagrees is not trusted, so FAILED", lines);
        }
        if (!found) {
            return StepOutcome.success(List.of("no orphans among " + scan.checked() + " processes checked"));
        }
        long reaped = scan.orphans().stream().filter(OrphanReport::reaped).count();
        String head = "assertNoOrphans: " + scan.orphans().size() + (scan.orphans().size() == 1 ? " process" : " processes")
                + " outlived the run (" + reaped + " reaped):\n  " + String.join("\n  ", lines);
        return StepOutcome.failure(head, List.of());
    }

    private static List<String> lines(List<OrphanReport> orphans) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED, orphans.size()); i++) {
            OrphanReport o = orphans.get(i);
            out.add(DisplayText.clamp("pid " + o.pid() + " (parent " + o.ppid() + ", " + o.why() + (o.reaped() ? ", reaped" : "")
                    + "): " + o.command() + (o.detail() == null ? "" : " - " + o.detail()), 400));
        }
        if (orphans.size() > MAX_LISTED) {
            out.add("... and " + (orphans.size() - MAX_LISTED) + " more");
        }
        return out;
    }

    /** The value {@code assertNoOrphans} returns to the Pipeline script. */
    public static LinkedHashMap<String, Object> stepResult(OrphanScan.Result scan) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("checked", scan.checked());
        out.put("orphans", scan.orphans().size());
        out.put("reaped", (int) scan.orphans().stream().filter(OrphanReport::reaped).count());
        return out;
    }
}
