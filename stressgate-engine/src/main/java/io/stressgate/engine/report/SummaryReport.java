package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.Table;
import io.stressgate.engine.result.RunResults;
import java.util.List;

/**
 * Renders summary.md: the report users typed by hand after a stress test, filled in with the measured figures.
 * Everything from the results is escaped for Markdown and for the HTML that CI renders Markdown into.
 */
public final class SummaryReport {

    public String render(RunResults results) {
        StringBuilder out = new StringBuilder(4096);
        String name = RunSections.scenarioName(results);
        out.append("# Stress test results: ").append(Text.markdown(name)).append("\n\n");
        for (Block block : RunSections.header(results)) {
            if (block instanceof Facts facts) {
                facts.facts().forEach(f -> out.append("**").append(Text.markdown(f.label())).append(":** ")
                        .append(Text.markdown(f.value())).append("  \n"));
                out.append('\n');
            } else {
                block(out, block);
            }
        }
        out.append("---\n\n");
        for (Section section : RunSections.all(results)) {
            out.append("## ").append(Text.markdown(section.title())).append("\n\n");
            section.blocks().forEach(b -> block(out, b));
        }
        return out.substring(0, out.length() - 1);
    }

    private static void block(StringBuilder out, Block block) {
        if (block instanceof Facts facts) {
            facts(out, facts.facts());
        } else if (block instanceof Table table) {
            table(out, table);
        } else if (block instanceof Bullets bullets) {
            bullets.items().forEach(i -> out.append("- ").append(Text.markdownBlock(i)).append('\n'));
        } else if (block instanceof Callout c) {
            out.append("> **").append(Text.markdown(c.title()))
                    .append(":** ").append(Text.markdown(c.text())).append('\n');
        }
        out.append('\n');
    }

    private static void facts(StringBuilder out, List<Fact> facts) {
        facts.forEach(f -> out.append("- **").append(Text.markdown(f.label())).append(":** ").append(Text.markdown(f.value()))
                .append('\n'));
    }

    private static void table(StringBuilder out, Table table) {
        row(out, table.headers());
        out.append('|');
        table.numeric().forEach(n -> out.append(n ? "---:|" : "---|"));
        out.append('\n');
        table.rows().forEach(r -> row(out, r.stream().map(Block.Cell::text).toList()));
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(c -> out.append(' ').append(Text.markdown(c)).append(" |"));
        out.append('\n');
    }
}
