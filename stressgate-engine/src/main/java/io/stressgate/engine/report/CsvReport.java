package io.stressgate.engine.report;

import io.stressgate.engine.result.Samples;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * Renders metrics.csv from the run's resource and queue samples: a header of column names ({@code t} first, in
 * seconds from the run start), then one row per sample. Numbers are written in full, locale-independent, with a
 * dot; a gap is an empty cell. A text cell that a spreadsheet would take for a formula is neutralised (RELIABILITY X3).
 */
public final class CsvReport {

    public String render(Samples samples) {
        StringWriter out = new StringWriter(64 + samples.rows().size() * samples.columns().size() * 8);
        try {
            write(samples, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Writes the file to {@code out} row by row. */
    public void write(Samples samples, Writer out) throws IOException {
        line(out, samples.columns().stream().map(CsvReport::text).toList());
        for (List<Double> row : samples.rows()) {
            line(out, row.stream().map(CsvReport::number).toList());
        }
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        out.append(String.join(",", cells)).append('\n');
    }

    /** A number as its shortest exact decimal, never in exponent form; null or not finite is an empty cell. */
    static String number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A text cell: one starting with {@code = + - @}, tab or carriage return (also after spaces) gets a leading apostrophe so no
     * spreadsheet evaluates it; a cell holding a comma, quote or line break is quoted with its quotes doubled.
     */
    static String text(String value) {
        String s = value == null ? "" : value;
        String start = s.stripLeading();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 || !start.isEmpty() && "=+-@".indexOf(start.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
