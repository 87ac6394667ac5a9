package io.stressgate.engine.report;

import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Renders report.html: one self-contained file that opens offline. Figures and tables are HTML rendered here with
 * every name escaped; the charts are drawn in the browser by {@code stressgate-charts.js} from the run's data, which
 * is embedded as JSON. Chart.js, our chart views and a two-line starter are the only scripts, allowed by hash.
 */
public final class HtmlReport {
    /** The chart views on the classpath, for the reporting service and the plugin to serve as a static file. */
    public static final String CHARTS_SCRIPT = ChartAssets.CHARTS_RESOURCE;
    /** The id of the element the charts are drawn into. */
    static final String CHARTS_ID = "stressgate-charts";
    static final String START_RUN = "(function () {\n  'use strict';\n"
            + "  var results = JSON.parse(document.getElementById('" + HtmlPage.DATA_ID + "').textContent);\n"
            + "  window.StressGateCharts.renderRun(document.getElementById('" + CHARTS_ID + "'), results);\n})();\n";
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2125;background:#f6f7f9}
            header,main{max-width:1200px;margin:0 auto;padding:16px 24px}
            header{background:#fff;border-left:8px solid #888;margin-top:16px}
            header.verdict-passed{border-color:#2e7d32}header.verdict-unstable{border-color:#f9a825}
            header.verdict-failed{border-color:#c62828}
            h1{font-size:1.6em;margin:.2em 0 .6em;overflow-wrap:anywhere}h2{font-size:1.25em;margin:1.2em 0 .5em}
            section{background:#fff;padding:8px 16px 16px;margin:16px 0;border-radius:4px}
            dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 24px;margin:0}
            dl.facts div{display:flex;gap:8px}dt{font-weight:600;white-space:nowrap}dt::after{content:":"}
            dd{margin:0;overflow-wrap:anywhere}
            .callout{padding:12px 16px;margin:8px 0 16px;background:#fff8e1;border:2px solid #f9a825;font-size:1.1em}
            .callout.severe{background:#ffebee;border-color:#c62828}
            .table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92em}
            th,td{border-bottom:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#f0f2f4}.num{text-align:right;white-space:nowrap}
            .badge{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-weight:600;letter-spacing:.02em}
            header .badge{font-size:1.15em;padding:.05em .6em}
            .badge.pass{background:#2e7d32}.badge.warn{background:#8a6100}.badge.fail{background:#c62828}.badge.wait{background:#546e7a}
            """;

    private final ChartAssets assets;

    public HtmlReport() {
        this(ChartAssets.load());
    }

    HtmlReport(ChartAssets assets) {
        this.assets = assets;
    }

    public String render(RunResults results) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            render(results, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Writes the page to {@code out}, the run's data streamed into it (see {@link HtmlPage}). */
    public void render(RunResults results, Writer out) throws IOException {
        String title = "Stress test results: " + RunSections.scenarioName(results);
        StringBuilder body = new StringBuilder(16_384);
        body.append("<header class=\"verdict-").append(results.verdict().name().toLowerCase(Locale.ROOT)).append("\">\n<h1>")
                .append(Text.html(title)).append("</h1>\n");
        RunSections.header(results).forEach(b -> HtmlBlocks.block(body, b));
        body.append("</header>\n<main>\n");
        List<Section> sections = RunSections.all(results);
        HtmlBlocks.section(body, sections.get(0));
        body.append("<section id=\"charts\">\n<h2>Over time</h2>\n<div id=\"").append(CHARTS_ID).append("\"></div>\n</section>\n");
        sections.subList(1, sections.size()).forEach(s -> {
            HtmlBlocks.section(body, s);
            MemorySection.appendCharts(body, s, results);
        });
        body.append("</main>\n");
        HtmlPage.render(title, body.toString(), results, STYLE, List.of(assets.chartJs(), assets.charts(), START_RUN), out);
    }
}
