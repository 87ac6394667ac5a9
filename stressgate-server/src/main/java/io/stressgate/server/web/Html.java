package io.stressgate.server.web;

import io.stressgate.engine.report.Text;
import io.stressgate.engine.result.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds a page of the service. Every text from data goes through {@link #text}, which escapes it and makes invisible
 * characters visible (the engine's one escaping rule); links are built from encoded path segments only. Scripts come
 * from /assets (no inline script, no inline style), so the Content-Security-Policy can forbid everything else.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(8192);

    Html(String title, String page) {
        this(title, page, null, Map.of());
    }

    /**
     * A page whose script will fetch {@code preload} (the browser starts loading it with the page, not after the
     * scripts), with {@code data-*} attributes on its body for the script.
     */
    Html(String title, String page, String preload, Map<String, String> data) {
        out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(text(title)).append(" · Stress Gate</title>");
        if (preload != null) {
            out.append("<link rel=\"preload\" as=\"fetch\" crossorigin=\"anonymous\" href=\"").append(text(preload)).append("\">");
        }
        out
                .append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/pages.css\">")
                .append("<script src=\"/assets/chart.umd.js\" defer></script>")
                .append("<script src=\"/assets/stressgate-charts.js\" defer></script>")
                .append("<script src=\"/assets/pages.js\" defer></script></head>\n<body data-page=\"").append(text(page)).append('"');
        data.forEach((name, value) -> out.append(" data-").append(name).append("=\"").append(text(value)).append('"'));
        out.append(">\n<header><a class=\"home\" href=\"/\">Stress Gate</a></header>\n<main>\n");
    }

    static String text(Object value) {
        return Text.html(value == null ? "" : String.valueOf(value));
    }

    /** A path segment of a link: percent-encoded, so a name can never leave its segment or become a scheme. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html element(String tag, Object content) {
        out.append('<').append(tag).append('>').append(text(content)).append("</").append(tag).append(">\n");
        return this;
    }

    Html link(String href, Object label) {
        out.append("<a href=\"").append(text(href)).append("\">").append(text(label)).append("</a>");
        return this;
    }

    Html verdict(Verdict verdict) {
        out.append("<span class=\"verdict verdict-").append(verdict.name()).append("\">").append(verdict.name()).append("</span>");
        return this;
    }

    /** A table whose cells are markup the caller built with {@link #text} and {@link #cell}. */
    Html table(String cssClass, List<String> headers, List<List<String>> rows) {
        out.append("<table class=\"").append(cssClass).append("\"><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(text(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td>").append(c).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        return this;
    }

    static String cell(Object value) {
        return value == null ? "<span class=\"none\">-</span>" : text(value);
    }

    static String anchor(String href, Object label) {
        return "<a href=\"" + text(href) + "\">" + text(label) + "</a>";
    }

    static String badge(Verdict verdict) {
        return "<span class=\"verdict verdict-" + verdict.name() + "\">" + verdict.name() + "</span>";
    }

    /** A definition list of label and markup pairs. */
    Html facts(List<String[]> pairs) {
        out.append("<dl class=\"facts\">");
        pairs.forEach(p -> out.append("<dt>").append(text(p[0])).append("</dt><dd>").append(p[1]).append("</dd>"));
        out.append("</dl>\n");
        return this;
    }

    String finish() {
        return out.append("</main>\n</body></html>\n").toString();
    }
}
