package io.stressgate.engine.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The sample table both samplers write into: fixed columns, one row per tick. Each sampler writes its own cells and
 * says when it has finished a tick; a row is handed to the sinks once every sampler has finished it, or once a
 * sampler is {@value #MAX_LAG} ticks ahead of one that is stuck (a Redis timeout), whose cells then stay empty.
 * Also keeps each column's latest value and maximum for live metrics. Only a few rows are ever held here.
 */
final class SampleTable {
    static final int MAX_LAG = 3;
    private static final int RING = 16;

    private final List<String> columns;
    private final SamplingClock clock;
    private final List<RowSink> sinks;
    private final double[][] ring;
    private final long[] ringTick;
    private final boolean[] ringUsed;
    private final long[] sourceDone;
    private final double[] latest;
    private final double[] max;
    private long nextToEmit = Long.MIN_VALUE;
    private int sources;
    private boolean emittedAny;
    private boolean closed;

    SampleTable(List<String> columns, SamplingClock clock, List<RowSink> sinks) {
        if (columns.isEmpty() || !"t".equals(columns.get(0))) {
            throw new IllegalArgumentException("the first column must be t, got " + columns);
        }
        this.columns = List.copyOf(columns);
        this.clock = clock;
        this.sinks = List.copyOf(sinks);
        this.ring = new double[RING][columns.size()];
        this.ringTick = new long[RING];
        this.ringUsed = new boolean[RING];
        this.sourceDone = new long[8];
        this.latest = new double[columns.size()];
        this.max = new double[columns.size()];
        Arrays.fill(latest, Double.NaN);
        Arrays.fill(max, Double.NaN);
    }

    List<String> columns() {
        return columns;
    }

    int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return i;
    }

    /** Registers a sampler that writes into this table and returns its source number. */
    synchronized int addSource() {
        if (sources == sourceDone.length) {
            throw new IllegalStateException("at most " + sourceDone.length + " samplers write one table");
        }
        sourceDone[sources] = Long.MIN_VALUE;
        return sources++;
    }

    /** Writes a cell; {@code NaN} means the value could not be read. */
    synchronized void put(long tick, int column, double value) {
        latest[column] = value;
        if (!Double.isNaN(value) && (Double.isNaN(max[column]) || value > max[column])) {
            max[column] = value;
        }
        if (closed) {
            return;
        }
        if (nextToEmit == Long.MIN_VALUE || !emittedAny && tick < nextToEmit && newestHeld() - tick < RING) {
            nextToEmit = tick;
        }
        if (tick < nextToEmit) {
            return;
        }
        while (tick >= nextToEmit + RING) {
            emit(nextToEmit++);
        }
        slot(tick)[column] = value;
    }

    /** A sampler has written everything it will write for {@code tick}. */
    synchronized void done(int source, long tick) {
        if (source < 0 || source >= sources) {
            throw new IllegalArgumentException("source " + source + " was not added; sources: " + sources);
        }
        sourceDone[source] = Math.max(sourceDone[source], tick);
        if (closed || nextToEmit == Long.MIN_VALUE) {
            return;
        }
        long slowest = Long.MAX_VALUE;
        long fastest = Long.MIN_VALUE;
        for (int s = 0; s < sources; s++) {
            slowest = Math.min(slowest, sourceDone[s]);
            fastest = Math.max(fastest, sourceDone[s]);
        }
        while (nextToEmit <= slowest || nextToEmit < fastest - MAX_LAG) {
            emit(nextToEmit++);
        }
    }

    double latest(int column) {
        synchronized (this) {
            return latest[column];
        }
    }

    double max(int column) {
        synchronized (this) {
            return max[column];
        }
    }

    /** Hands the rows still held to the sinks and closes them; later writes only update latest and max. */
    synchronized void close() {
        if (closed) {
            return;
        }
        if (nextToEmit != Long.MIN_VALUE) {
            long last = newestHeld();
            while (nextToEmit <= last) {
                emit(nextToEmit++);
            }
        }
        closed = true;
        sinks.forEach(RowSink::close);
    }

    private long newestHeld() {
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < RING; i++) {
            if (ringUsed[i]) {
                newest = Math.max(newest, ringTick[i]);
            }
        }
        return newest;
    }

    private double[] slot(long tick) {
        int i = (int) Math.floorMod(tick, (long) RING);
        if (!ringUsed[i] || ringTick[i] != tick) {
            Arrays.fill(ring[i], Double.NaN);
            ring[i][0] = clock.secondsOf(tick);
            ringTick[i] = tick;
            ringUsed[i] = true;
        }
        return ring[i];
    }

    private void emit(long tick) {
        int i = (int) Math.floorMod(tick, (long) RING);
        if (!ringUsed[i] || ringTick[i] != tick) {
            return;
        }
        ringUsed[i] = false;
        emittedAny = true;
        for (RowSink sink : sinks) {
            sink.row(ring[i]);
        }
    }
}
