package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Locust's {@code _stats_history.csv}: a row a second with the cumulative totals, from which each interval's
 * requests and failures are the differences. Its percentiles are a sliding window only with
 * {@code --csv-full-history} (then rows per name come too); without it they are cumulative, so they are not kept.
 */
final class LocustHistory {
    private static final String SOURCE = "locust stats history (its sliding window)";
    private final Path file;
    private final List<IntervalFigures> all = new ArrayList<>();
    private final Map<String, Series> byKey = new LinkedHashMap<>();
    private long lines;
    private long firstSecond = -1;
    private long lastSecond = -1;

    LocustHistory(Path file) {
        this.file = file;
    }

    LocustHistory read() throws IOException {
        try (LineSource in = new LineSource(file)) {
            String head = in.next();
            if (head == null) {
                throw new ImportException(file, 0, "the file is empty");
            }
            CsvHeader header = new CsvHeader(CsvLine.split(head));
            LocustColumns cols = new LocustColumns(withoutTotals(header), in);
            int ts = header.require("Timestamp", in);
            int users = header.require("User Count", in);
            int total = header.require("Total Request Count", in);
            int failed = header.require("Total Failure Count", in);
            Series aggregated = new Series(all);
            for (String line = in.next(); line != null; line = in.next()) {
                if (line.isBlank()) {
                    continue;
                }
                if (!in.lastTerminated()) {
                    throw in.problem("the last line is cut off (the file was read while Locust wrote it)");
                }
                List<String> row = header.row(line, in);
                long second = CsvHeader.count(row, ts, "Timestamp", in);
                if (firstSecond < 0) {
                    firstSecond = second;
                }
                if (second < lastSecond) {
                    throw in.problem("column 'Timestamp': " + second + " is before the row above (" + lastSecond + ")");
                }
                lastSecond = second;
                String type = row.get(cols.type());
                String name = row.get(cols.name());
                boolean isTotal = type.isEmpty() && name.equals("Aggregated");
                Series series = isTotal ? aggregated
                        : byKey.computeIfAbsent(type + "\u0000" + name, k -> new Series(new ArrayList<>()));
                long count = CsvHeader.count(row, total, "Total Request Count", in);
                var reported = isTotal || count == 0 ? null : new ReportedLatency(SOURCE, cols.latency(row, in));
                series.add(in, (second - firstSecond) * 1000, count, CsvHeader.count(row, failed, "Total Failure Count", in),
                        CsvHeader.count(row, users, "User Count", in), reported);
            }
            lines = in.number();
        }
        if (firstSecond < 0) {
            throw new ImportException(file, lines, "no row: the history is empty");
        }
        return this;
    }

    /** The header with the history's cumulative columns renamed, so the shared columns are found by stats.csv names. */
    private static CsvHeader withoutTotals(CsvHeader header) {
        List<String> names = new ArrayList<>();
        for (String n : header.names()) {
            names.add(switch (n.trim()) {
                case "Total Average Response Time" -> "Average Response Time";
                case "Total Min Response Time" -> "Min Response Time";
                case "Total Max Response Time" -> "Max Response Time";
                case "Total Average Content Size" -> "Average Content Size";
                case "Total Request Count" -> "Request Count";
                case "Total Failure Count" -> "Failure Count";
                default -> n;
            });
        }
        return new CsvHeader(names);
    }

    Instant start() {
        return Instant.ofEpochSecond(firstSecond);
    }

    Duration duration() {
        return Duration.ofSeconds(lastSecond - firstSecond);
    }

    long lines() {
        return lines;
    }

    List<IntervalFigures> all() {
        return all;
    }

    /** The series of each request name, "METHOD name" for a name that appears with two methods. */
    Map<String, List<IntervalFigures>> byName() {
        Map<String, Integer> seen = new HashMap<>();
        byKey.keySet().forEach(k -> seen.merge(k.substring(k.indexOf('\u0000') + 1), 1, Integer::sum));
        Map<String, List<IntervalFigures>> out = new LinkedHashMap<>();
        byKey.forEach((k, s) -> {
            String name = k.substring(k.indexOf('\u0000') + 1);
            out.put(seen.get(name) > 1 ? k.replace('\u0000', ' ') : name, s.points);
        });
        return out;
    }

    /** One series: each row's totals less the row before. */
    private static final class Series {
        private final List<IntervalFigures> points;
        private long requests;
        private long failures;

        Series(List<IntervalFigures> points) {
            this.points = points;
        }

        void add(LineSource in, long endMs, long totalRequests, long totalFailures, long users, ReportedLatency reported)
                throws ImportException {
            if (totalRequests < requests || totalFailures < failures) {
                throw in.problem("the totals fell (" + requests + " to " + totalRequests
                        + " requests): Locust's statistics were reset during the run");
            }
            points.add(new IntervalFigures(endMs, totalRequests - requests, totalFailures - failures, users, null,
                    reported));
            requests = totalRequests;
            failures = totalFailures;
        }
    }
}
