package io.stressgate.engine.metrics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams every sample row to a CSV file (metrics.csv), so a 24-hour run at 10 Hz (864,000 rows) never sits in
 * memory. Flushes about once a second. A write error stops the file, not the sampling: it is logged and reported.
 */
final class CsvRows implements RowSink {
    private static final Logger LOG = LoggerFactory.getLogger(CsvRows.class);
    private static final int FLUSH_EVERY_ROWS = 10;

    private final Path file;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private int unflushed;
    private long rows;
    private IOException error;

    CsvRows(Path file, List<String> columns) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        for (int i = 0; i < columns.size(); i++) {
            line.append(i == 0 ? "" : ",").append(quoted(columns.get(i)));
        }
        write();
    }

    @Override
    public void row(double[] values) {
        if (error != null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            appendNumber(line, values[i]);
        }
        write();
        rows++;
        if (++unflushed >= FLUSH_EVERY_ROWS) {
            flush();
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    long rows() {
        return rows;
    }

    /** The write error that stopped the file, or null. */
    IOException error() {
        return error;
    }

    /** Writes integers without a decimal point and other values with up to three decimals; NaN as empty. */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
            return;
        }
        sb.append(Math.round(v * 1000.0) / 1000.0);
    }

    private void write() {
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            fail(e);
        }
        line.setLength(0);
    }

    private void flush() {
        unflushed = 0;
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (error == null) {
            error = e;
            LOG.warn("stopped writing samples to {} after {} rows: {}", file, rows, e.toString());
        }
    }

    /** Column names come from scenario names; quote them when they hold CSV syntax or could start a formula. */
    private static String quoted(String name) {
        boolean formula = !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0;
        if (!formula && name.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return name;
        }
        return "\"" + (formula ? "'" : "") + name.replace("\"", "\"\"") + "\"";
    }
}
