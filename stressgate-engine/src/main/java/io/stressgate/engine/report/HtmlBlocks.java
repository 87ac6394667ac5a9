package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.Table;
import java.util.List;

/** Writes report sections as HTML markup; every text is escaped here, and nothing else writes markup from data. */
final class HtmlBlocks {
    private HtmlBlocks() {
    }

    /**
     * Escaped text; with a tone, its first word drawn as a badge of CSS colour around the word, which needs no emoji
     * font (where none is installed an emoji shows as an empty box).
     */
    static String text(String text, Tone tone) {
        if (tone == null) {
            return Text.html(text);
        }
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        return "<span class=\"badge " + tone.cssClass() + "\">" + Text.html(word) + "</span>"
                + Text.html(space < 0 ? "" : text.substring(space));
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
        facts.forEach(f -> out.append("<div><dt>").append(Text.html(f.label())).append("</dt><dd>").append(text(f.value(), f.tone()))
                .append("</dd></div>\n"));
        out.append("</dl>\n");
    }

    private static void table(StringBuilder out, Table table) {
        out.append("<div class=\"table\"><table>\n<thead><tr>");
        for (int i = 0; i < table.headers().size(); i++) {
            out.append(cellStart("th", table.numeric().get(i))).append(Text.html(table.headers().get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Block.Cell> row : table.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(cellStart("td", table.numeric().get(i))).append(text(row.get(i).text(), row.get(i).tone()))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private static String cellStart(String tag, boolean numeric) {
        return numeric ? "<" + tag + " class=\"num\">" : "<" + tag + ">";
    }
}
