package io.stressgate.engine.report;

import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.RssGrowth;
import java.util.List;
import java.util.Locale;

/**
 * Draws one group's processes and memory as inline SVG for report.html: a swimlane with one lane per process from
 * its first to its last sighting (grey while running at the end, red when it ended), and the group's RSS over the
 * run on an axis of its own in MiB with the fitted slope over the steady part. Plain SVG shapes and text, escaped.
 */
final class MemoryCharts {
    private static final int WIDTH = 960;
    private static final int LEFT = 90;
    private static final int LANE = 9;
    private static final int MAX_LANES = 60;
    private static final int CURVE_HEIGHT = 180;
    private static final double MIB = 1024.0 * 1024.0;

    private MemoryCharts() {
    }

    static void group(StringBuilder out, String name, ProcessSummary p) {
        List<PidLife> lanes = p.pidList().subList(0, Math.min(MAX_LANES, p.pidList().size()));
        RssGrowth g = p.rssGrowth();
        long end = Math.max(1, Math.max(lanes.stream().mapToLong(PidLife::lastSeenMs).max().orElse(1),
                g == null || g.curve().isEmpty() ? 1 : g.curve().get(g.curve().size() - 1).atMs()));
        out.append("<h3>").append(Text.html(name)).append(": ").append(p.pidsSeen()).append(p.pidsSeen() == 1 ? " process" : " processes")
                .append(" (grey: running at the end, red: ended; dashed: the fitted RSS slope)")
                .append(p.pidList().size() > lanes.size() ? " (first " + lanes.size() + " drawn)" : "").append("</h3>\n");
        swimlane(out, name, lanes, end);
        if (g != null && g.curve().size() > 1) {
            curve(out, name, g, end);
        }
    }

    private static void swimlane(StringBuilder out, String name, List<PidLife> lanes, long end) {
        int height = lanes.size() * LANE + 24;
        out.append(open(height, name + ": process lifetimes"));
        for (int i = 0; i < lanes.size(); i++) {
            PidLife l = lanes.get(i);
            double x1 = x(l.firstSeenMs(), end);
            double w = Math.max(2, x(l.lastSeenMs(), end) - x1);
            int y = i * LANE + 2;
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">",
                    x1, y, w, LANE - 2, l.running() ? "#78909c" : "#c62828"))
                    .append("<title>").append(Text.html("pid " + l.pid() + ", peak RSS " + Figures.bytes(l.peakRssBytes())
                            + ", " + Figures.offset(l.firstSeenMs()) + " to " + Figures.offset(l.lastSeenMs())
                            + (l.running() ? ", running at the end" : ", ended"))).append("</title></rect>\n");
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"8\" text-anchor=\"end\">%d</text>\n",
                    LEFT - 4, y + LANE - 2, l.pid()));
        }
        axis(out, lanes.size() * LANE + 4, end);
        out.append("</svg>\n");
    }

    private static void curve(StringBuilder out, String name, RssGrowth g, long end) {
        double max = g.curve().stream().mapToLong(RssGrowth.Point::bytes).max().orElse(1) / MIB;
        double top = Math.max(1, Math.ceil(max * 1.1));
        out.append(open(CURVE_HEIGHT + 24, name + ": RSS in MiB"));
        StringBuilder points = new StringBuilder();
        for (RssGrowth.Point pt : g.curve()) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(pt.atMs(), end), y(pt.bytes() / MIB, top)));
        }
        out.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"").append(points.toString().trim())
                .append("\"/>\n");
        if (g.bytesPerMinute() != null) {
            double perMs = g.bytesPerMinute() / 60_000.0;
            double intercept = intercept(g, perMs);
            double y1 = (intercept + perMs * g.fromMs()) / MIB;
            double y2 = (intercept + perMs * g.toMs()) / MIB;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"6 3\"><title>", x(g.fromMs(), end), y(y1, top),
                    x(g.toMs(), end), y(y2, top), RssGrowth.GROWING.equals(g.verdict()) ? "#c62828" : "#2e7d32"))
                    .append(Text.html("fitted " + Figures.bytes(Math.round(g.bytesPerMinute())) + "/min (" + g.method()
                            + "): " + g.verdict())).append("</title></line>\n");
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"10\" font-size=\"10\" text-anchor=\"end\">%s</text>\n",
                LEFT - 4, Text.html(Figures.number(top) + " MiB")));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">0 MiB</text>\n",
                LEFT - 4, CURVE_HEIGHT));
        axis(out, CURVE_HEIGHT + 4, end);
        out.append("</svg>\n");
    }

    /** The Theil-Sen intercept: the median of RSS minus slope times time over the steady points. */
    private static double intercept(RssGrowth g, double perMs) {
        double[] r = g.curve().stream().filter(p -> p.atMs() >= g.fromMs() && p.atMs() <= g.toMs())
                .mapToDouble(p -> p.bytes() - perMs * p.atMs()).sorted().toArray();
        return r.length == 0 ? 0 : r[r.length / 2];
    }

    private static String open(int height, String label) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><title>%s</title>\n",
                WIDTH, height, WIDTH, height, Text.html(label));
    }

    private static void axis(StringBuilder out, int y, long end) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n",
                LEFT, y, WIDTH - 10, y));
        for (int i = 0; i <= 4; i++) {
            long at = end * i / 4;
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"%s\">%s</text>\n",
                    x(at, end), y + 12, i == 4 ? "end" : "middle", Text.html(Figures.offset(at))));
        }
    }

    private static double x(long atMs, long end) {
        return LEFT + (WIDTH - 10 - LEFT) * (double) atMs / end;
    }

    private static double y(double mib, double top) {
        return CURVE_HEIGHT - (CURVE_HEIGHT - 10) * Math.min(mib, top) / top;
    }
}
