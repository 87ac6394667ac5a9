package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.result.ImportedRun;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.List;

/** The result file of another load tool that a run was imported from: which file, which tool, and whether it is whole. */
final class ImportedSection {
    private ImportedSection() {
    }

    /** The section, or null for a run that was not imported. */
    static Section of(RunResults r) {
        ImportedRun i = r.imported();
        if (i == null) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        if (!i.complete()) {
            blocks.add(new Block.Callout(false, "The file may not hold every request", i.reason() + "."));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("File", i.file()));
        facts.add(new Fact("Tool", i.tool() + " " + i.version()));
        facts.add(new Fact("SHA-256", i.sha256()));
        facts.add(new Fact("Read", Figures.count(i.lines()) + " lines, " + Figures.count(i.bytes()) + " bytes"));
        facts.add(new Fact("Requests", Figures.count(i.requests())));
        facts.add(new Fact("Complete", i.complete() ? "yes" : "no"));
        blocks.add(new Block.Facts(facts));
        return new Section("imported", "Imported from " + i.tool() + " (" + i.format() + ")", blocks);
    }
}
