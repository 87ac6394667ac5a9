package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.List;

/** The response checks of a run: per request name and check, what it tested, its passes, fails and pass rate. */
final class ChecksSection {
    private ChecksSection() {
    }

    /** The section, or null when no request declared a check. */
    static Section of(RunResults r) {
        if (r.checks().isEmpty()) {
            return null;
        }
        TableBuilder table = new TableBuilder("Request", "Check", "Condition", "On fail", "Passes#", "Fails#", "Pass rate#");
        long failed = 0;
        long neverRan = 0;
        for (CheckSummary c : r.checks()) {
            table.row(c.request(), c.name(), c.condition(), c.failRequest() ? "fails the request" : "counted",
                    Figures.count(c.passes()), Figures.count(c.fails()),
                    c.runs() == 0 ? "never ran" : Figures.share(c.passes(), c.runs()));
            failed += c.fails() > 0 ? 1 : 0;
            neverRan += c.runs() == 0 ? 1 : 0;
        }
        List<Block> blocks = new ArrayList<>();
        if (failed > 0) {
            blocks.add(new Callout(false, "Checks failed", failed + " of " + r.checks().size() + " checks failed on at least one response"));
        }
        if (neverRan > 0) {
            blocks.add(new Callout(false, "Checks never ran", neverRan + " of " + r.checks().size()
                    + " checks were never put to a response, so they prove nothing"));
        }
        blocks.add(table.build());
        return new Section("checks", "Checks", blocks);
    }
}
