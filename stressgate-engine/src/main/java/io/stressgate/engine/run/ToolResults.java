package io.stressgate.engine.run;

import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an external tool's own results file into the run's load figures. */
interface ToolResults {
    /**
     * Reads the results of a tool in {@code format} at {@code path}; the tool started at {@code startedAt} (wall
     * clock) and ran for {@code ran}, so its time series can be placed on the run's axis (offsets from the tool's start);
     * {@code log} is its kept output (null when there is none), which may hold the totals it printed at exit.
     */
    Read read(String format, Path path, Instant startedAt, Duration ran, Path log) throws IOException;

    /**
     * The figures read: totals per request name (with {@link RunResults#ALL}), the time series, what was imported, and
     * the tool's results as read ({@code source}, null when there were none), whose reported statistics the gates use
     * where the tool kept no histogram.
     */
    record Read(Map<String, LoadSummary> load, TimeSeries timeSeries, ExternalRun.Imported imported, ImportedResults source) {
        public Read {
            if (!load.containsKey(RunResults.ALL)) {
                throw new IllegalArgumentException("imported figures lack the totals (\"" + RunResults.ALL + "\")");
            }
        }

        /** No figures: a tool stopped before it wrote any. */
        static Read nothing() {
            Map<String, LoadSummary> load = new LinkedHashMap<>();
            load.put(RunResults.ALL, new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0,
                    Histograms.encode(Histograms.forRequests())));
            return new Read(load, new TimeSeries(1000, List.of(), Map.of()), null, null);
        }
    }
}
