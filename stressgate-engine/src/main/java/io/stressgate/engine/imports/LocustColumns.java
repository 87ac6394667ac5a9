package io.stressgate.engine.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of Locust's stats.csv, found by name in its header: counts, latency moments, content size, request
 * rate and the reported percentiles ("50%" ... "100%"), which become the statistics {@code p50} ... {@code p100}.
 */
final class LocustColumns {
    private final CsvHeader header;
    private final int type;
    private final int name;
    private final int requests;
    private final int failures;
    private final int average;
    private final int min;
    private final int max;
    private final int contentSize;
    private final int rps;
    private final Map<String, Integer> percentiles = new LinkedHashMap<>();

    LocustColumns(CsvHeader header, FilePosition in) throws ImportException {
        this.header = header;
        type = header.require("Type", in);
        name = header.require("Name", in);
        requests = header.require("Request Count", in);
        failures = header.require("Failure Count", in);
        average = header.require("Average Response Time", in);
        min = header.require("Min Response Time", in);
        max = header.require("Max Response Time", in);
        contentSize = header.require("Average Content Size", in);
        rps = header.require("Requests/s", in);
        for (int i = 0; i < header.size(); i++) {
            String column = header.names().get(i).trim();
            if (column.matches("\\d+(\\.\\d+)?%")) {
                percentiles.put("p" + column.substring(0, column.length() - 1), i);
            }
        }
    }

    CsvHeader header() {
        return header;
    }

    int type() {
        return type;
    }

    int name() {
        return name;
    }

    double rps(List<String> row, FilePosition in) throws ImportException {
        Double v = CsvHeader.decimal(row, rps, "Requests/s", in);
        return v == null ? 0 : v;
    }

    RequestFigures figures(List<String> row, FilePosition in) throws ImportException {
        long count = CsvHeader.count(row, requests, "Request Count", in);
        long failed = CsvHeader.count(row, failures, "Failure Count", in);
        if (failed > count) {
            throw in.problem("column 'Failure Count': " + failed + " failures of " + count + " requests");
        }
        Double size = CsvHeader.decimal(row, contentSize, "Average Content Size", in);
        long bytes = size == null ? 0 : Math.round(size * count);
        return new RequestFigures(count, failed, Map.of(), bytes, null,
                count == 0 ? null : new ReportedLatency("locust stats", latency(row, in)));
    }

    /** The latency statistics of a row with requests, in milliseconds as Locust gives them. */
    Map<String, Double> latency(List<String> row, FilePosition in) throws ImportException {
        Map<String, Double> stats = new LinkedHashMap<>();
        put(stats, "mean", CsvHeader.decimal(row, average, "Average Response Time", in));
        put(stats, "min", CsvHeader.decimal(row, min, "Min Response Time", in));
        put(stats, "max", CsvHeader.decimal(row, max, "Max Response Time", in));
        for (var p : percentiles.entrySet()) {
            put(stats, p.getKey(), CsvHeader.decimal(row, p.getValue(), p.getKey().substring(1) + "%", in));
        }
        return stats;
    }

    private static void put(Map<String, Double> stats, String key, Double value) {
        if (value != null) {
            stats.put(key, value);
        }
    }
}
