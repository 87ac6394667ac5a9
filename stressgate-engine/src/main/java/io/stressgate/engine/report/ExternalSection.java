package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.List;

/** The external load tool a run started: its command, time line on the run's axis, how it ended, what was imported. */
final class ExternalSection {
    private ExternalSection() {
    }

    /** The section, or null for a run whose load was not an external tool. */
    static Section of(RunResults r) {
        ExternalRun e = r.external();
        if (e == null) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        ExternalRun.Imported imported = e.imported();
        if (imported != null && !imported.complete()) {
            blocks.add(new Block.Callout(false, "The tool's own counts may be incomplete", imported.reason() + "."));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Command", String.join(" ", e.command())));
        facts.add(new Fact("Outcome", e.outcome() + (e.exitCode() == null ? "" : " (exit code " + e.exitCode() + ")")));
        facts.add(new Fact("Ran", e.startMs() == null ? Figures.NONE : "from " + Figures.offset(e.startMs()) + " to "
                + (e.endMs() == null ? Figures.NONE : Figures.offset(e.endMs())) + " after the run started"));
        facts.add(new Fact("Message", e.message()));
        facts.add(new Fact("Output", e.log()));
        if (imported != null) {
            facts.add(new Fact("Results", imported.path() + " (" + imported.tool() + " " + imported.version() + ")"));
            facts.add(new Fact("Requests in the results", Figures.count(imported.requests())));
            if (imported.printedAtExit() != null) {
                facts.add(new Fact("Requests the tool printed at exit", Figures.count(imported.printedAtExit())));
            }
            facts.add(new Fact("Counts complete", imported.complete() ? "yes" : "no"));
        }
        blocks.add(new Block.Facts(facts));
        return new Section("external", "External load tool (" + e.format() + ")", blocks);
    }
}
