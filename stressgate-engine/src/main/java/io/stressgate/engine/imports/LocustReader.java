package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Locust's {@code --csv} files: {@code PREFIX_stats.csv} (totals and percentiles per request name, the
 * "Aggregated" row for all) and, when present beside it, {@code PREFIX_stats_history.csv} (one row a second) for the
 * interval series, run start and duration. Locust keeps only summaries, so latency is what it reported; its CSV is
 * rewritten once a second and not at exit, so its totals miss the last second and the import is never complete.
 */
final class LocustReader {
    static final String TOOL = "locust";
    static final String INCOMPLETE = "Locust rewrites its --csv files once a second and not again at exit, so requests "
            + "of the last second before it stopped are missing from its totals";
    private static final String AGGREGATED = "Aggregated";
    private static final String SOURCE = "locust stats";

    /** The stats file for a path that is either the {@code --csv} prefix or the {@code _stats.csv} file itself. */
    static Path statsFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("_stats.csv") ? path : path.resolveSibling(name + "_stats.csv");
    }

    ImportedResults read(Path path) throws IOException {
        Path stats = statsFile(path);
        if (!Files.isRegularFile(stats)) {
            throw new ImportException(stats, 0, "no Locust stats file here (give the --csv prefix or the _stats.csv file)");
        }
        List<Row> rows = new ArrayList<>();
        RequestFigures total = null;
        double totalRps = 0;
        long lines;
        try (LineSource in = new LineSource(stats)) {
            String head = in.next();
            if (head == null) {
                throw new ImportException(stats, 0, "the file is empty");
            }
            LocustColumns cols = new LocustColumns(new CsvHeader(CsvLine.split(head)), in);
            for (String line = in.next(); line != null; line = in.next()) {
                if (line.isBlank()) {
                    continue;
                }
                if (!in.lastTerminated()) {
                    throw in.problem("the last line is cut off (the file was read while Locust rewrote it)");
                }
                List<String> row = cols.header().row(line, in);
                String name = row.get(cols.name());
                RequestFigures figures = cols.figures(row, in);
                if (row.get(cols.type()).isEmpty() && name.equals(AGGREGATED)) {
                    total = figures;
                    totalRps = cols.rps(row, in);
                } else {
                    rows.add(new Row(row.get(cols.type()), name, figures));
                }
            }
            lines = in.number();
        }
        if (total == null) {
            throw new ImportException(stats, lines, "no 'Aggregated' row: the file holds no totals");
        }
        Map<String, RequestFigures> byName = byName(rows);
        Path historyFile = stats.resolveSibling(stats.getFileName().toString()
                .replaceFirst("_stats\\.csv$", "_stats_history.csv"));
        LocustHistory history = Files.isRegularFile(historyFile) ? new LocustHistory(historyFile).read() : null;
        Instant start = history == null ? null : history.start();
        Duration duration = history != null ? history.duration()
                : totalRps > 0 ? Duration.ofMillis(Math.round(total.requests() / totalRps * 1000)) : null;
        return new ImportedResults(TOOL, "unknown", stats, start, duration, byName, total,
                history == null ? null : Duration.ofSeconds(1), history == null ? List.of() : history.all(),
                history == null ? Map.of() : history.byName(), lines + (history == null ? 0 : history.lines()),
                false, INCOMPLETE);
    }

    /**
     * The figures by request name; Locust keys its rows by method and name, so a name that appears with two methods
     * is kept apart as "METHOD name" (a reported percentile cannot be shared).
     */
    private static Map<String, RequestFigures> byName(List<Row> rows) {
        Map<String, Long> seen = new java.util.HashMap<>();
        rows.forEach(r -> seen.merge(r.name(), 1L, Long::sum));
        Map<String, RequestFigures> byName = new LinkedHashMap<>();
        for (Row r : rows) {
            byName.put(seen.get(r.name()) > 1 ? r.type() + " " + r.name() : r.name(), r.figures());
        }
        return byName;
    }

    private record Row(String type, String name, RequestFigures figures) {
    }
}
