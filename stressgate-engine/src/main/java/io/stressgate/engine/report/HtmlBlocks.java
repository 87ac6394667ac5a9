package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.Table;
import java.util.List;

/** Writes report sections as HTML markup; every text is escaped here, and nothing else writes markup from data. */
final class HtmlBlocks {
    /**
     * The marks the texts start a verdict with (for summary.md, where every viewer has the emoji), drawn in HTML as
     * badges of CSS colour and a word, which need no emoji font: where none is installed an emoji shows as an empty box.
     */
    private static final List<String[]> MARKS = List.of(new String[] {"\u2705 ", "pass"}, new String[] {"\u26a0\ufe0f ", "warn"},
            new String[] {"\u274c ", "fail"}, new String[] {"\u23f3 ", "wait"}, new String[] {"\u26d4 ", "fail"});

    private HtmlBlocks() {
    }

    /** Escaped text, with a leading verdict mark turned into a badge around the word that follows it. */
    static String text(String text) {
        for (String[] mark : MARKS) {
            if (text.startsWith(mark[0])) {
                String rest = text.substring(mark[0].length());
                int space = rest.indexOf(' ');
                String word = space < 0 ? rest : rest.substring(0, space);
                return "<span class=\"badge " + mark[1] + "\">" + Text.html(word) + "</span>"
                        + Text.html(space < 0 ? "" : rest.substring(space));
            }
        }
        return Text.html(text);
    }

    static void section(StringBuilder out, Section section) {
        out.append("<section id=\"").append(Text.html(section.id())).append("\">\n<h2>").append(Text.html(section.title()))
                .append("</h2>\n");
        section.blocks().forEach(b -> block(out, b));
        out.append("</section>\n");
    }

    static void block(StringBuilder out, Block block) {
        if (block instanceof Facts facts) {
            facts(out, facts.facts());
        } else if (block instanceof Table table) {
            table(out, table);
        } else if (block instanceof Bullets bullets) {
            out.append("<ul>\n");
            bullets.items().forEach(i -> out.append("<li>").append(Text.html(i)).append("</li>\n"));
            out.append("</ul>\n");
        } else if (block instanceof Callout c) {
            out.append("<div class=\"callout").append(c.severe() ? " severe" : "").append("\" role=\"alert\"><strong>")
                    .append(Text.html(c.title())).append(":</strong> ").append(Text.html(c.text())).append("</div>\n");
        }
    }

    private static void facts(StringBuilder out, List<Fact> facts) {
        out.append("<dl class=\"facts\">\n");
        facts.forEach(f -> out.append("<div><dt>").append(Text.html(f.label())).append("</dt><dd>").append(text(f.value()))
                .append("</dd></div>\n"));
        out.append("</dl>\n");
    }

    private static void table(StringBuilder out, Table table) {
        out.append("<div class=\"table\"><table>\n<thead><tr>");
        for (int i = 0; i < table.headers().size(); i++) {
            out.append(cellStart("th", table.numeric().get(i))).append(Text.html(table.headers().get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(cellStart("td", table.numeric().get(i))).append(text(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private static String cellStart(String tag, boolean numeric) {
        return numeric ? "<" + tag + " class=\"num\">" : "<" + tag + ">";
    }
}
