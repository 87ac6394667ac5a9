package io.stressgate.engine.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns a CSV header names, and typed access to the fields of a row that problems name by line and column. */
final class CsvHeader {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    CsvHeader(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i).trim(), i);
        }
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    /** The index of a column the format requires, or a problem naming the header line and the column. */
    int require(String column, FilePosition lines) throws ImportException {
        Integer i = index.get(column);
        if (i == null) {
            throw lines.problem("the header has no column '" + column + "' (it has " + String.join(", ", names) + ")");
        }
        return i;
    }

    /** The fields of a row, which must have as many as the header. */
    List<String> row(String line, FilePosition lines) throws ImportException {
        List<String> fields = CsvLine.split(line);
        if (fields == null) {
            throw lines.problem("a quoted field is not closed");
        }
        if (fields.size() != names.size()) {
            throw lines.problem("expected " + names.size() + " fields as in the header, found " + fields.size());
        }
        return fields;
    }

    static long count(List<String> row, int column, String name, FilePosition lines) throws ImportException {
        String v = row.get(column).trim();
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw lines.problem("column '" + name + "': " + v + " is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw lines.problem("column '" + name + "': '" + v + "' is not a whole number");
        }
    }

    /** A decimal figure; null for the tool's "not available" marks (empty or N/A). */
    static Double decimal(List<String> row, int column, String name, FilePosition lines) throws ImportException {
        String v = row.get(column).trim();
        if (v.isEmpty() || v.equals("N/A")) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) {
                throw lines.problem("column '" + name + "': " + v + " is not a finite non-negative number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw lines.problem("column '" + name + "': '" + v + "' is not a number");
        }
    }
}
