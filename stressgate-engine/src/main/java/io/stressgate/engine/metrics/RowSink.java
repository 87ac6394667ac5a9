package io.stressgate.engine.metrics;

/** Where finished sample rows go: the full-resolution CSV file, the thinned rows for results.json. */
interface RowSink {
    /** A finished row; {@code NaN} marks a gap. The array is reused after the call, so keep a copy if needed. */
    void row(double[] values);

    /** No more rows come. */
    default void close() {
    }
}
