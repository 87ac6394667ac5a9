package io.stressgate.engine.result;

import java.util.List;

/**
 * Resource and queue samples as a table: {@code columns} name each value of a row, the first being {@code t}
 * (seconds from the run start); a null cell is a gap. Sampled every {@code intervalMs}; rows may be thinned to
 * keep the file small (metrics.csv keeps every sample). {@code costPercent} is the samplers' own CPU use.
 */
public record Samples(long intervalMs, List<String> columns, List<List<Double>> rows, double costPercent) {
    public Samples {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
