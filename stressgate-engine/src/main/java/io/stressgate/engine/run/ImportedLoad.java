package io.stressgate.engine.run;

import io.stressgate.engine.imports.ImportFormat;
import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.imports.IntervalFigures;
import io.stressgate.engine.imports.ReportedLatency;
import io.stressgate.engine.imports.RequestFigures;
import io.stressgate.engine.imports.ResultImporter;
import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an external tool's results with the {@link ResultImporter} and turns them into the run's load figures:
 * totals per request name, latency from a rebuilt histogram or, where the tool kept only summaries, the statistics it
 * reported (others stay unavailable: a gate on them breaks), and the interval series placed on the tool's time axis.
 */
final class ImportedLoad implements ToolResults {
    private final ResultImporter importer;
    private final LocustExitSummary exitSummary;

    ImportedLoad(ResultImporter importer, LocustExitSummary exitSummary) {
        this.importer = importer;
        this.exitSummary = exitSummary;
    }

    @Override
    public Read read(String format, Path path, Instant startedAt, Duration ran, Path log) throws IOException {
        ImportFormat f = ImportFormat.parse(format);
        ImportedResults r = importer.read(f, path);
        double seconds = r.duration() != null && !r.duration().isZero() ? r.duration().toMillis() / 1000.0 : ran.toMillis() / 1000.0;
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, summary(r.total(), seconds));
        r.byName().forEach((name, figures) -> load.put(name, summary(figures, seconds)));
        ExternalRun.Imported imported = completeness(f, r, log);
        return new Read(load, series(r, startedAt), imported);
    }

    /**
     * Whether the tool's own totals hold every request. Locust's CSV can miss the last second (see
     * {@link LocustExitSummary}); its summary printed at exit, when the log holds it, tells by how much.
     */
    private ExternalRun.Imported completeness(ImportFormat format, ImportedResults r, Path log) throws IOException {
        long requests = r.total().requests();
        String path = r.file().toString();
        if (format != ImportFormat.LOCUST || log == null) {
            return new ExternalRun.Imported(path, r.tool(), r.version(), requests, null, r.complete(), r.reason());
        }
        Optional<Long> printed = exitSummary.totalRequests(log);
        if (printed.isEmpty()) {
            return new ExternalRun.Imported(path, r.tool(), r.version(), requests, null, false, r.reason()
                    + "; the log holds no summary printed at exit to check them against");
        }
        long exit = printed.get();
        if (exit == requests) {
            return new ExternalRun.Imported(path, r.tool(), r.version(), requests, exit, true, null);
        }
        return new ExternalRun.Imported(path, r.tool(), r.version(), requests, exit, false, String.format(java.util.Locale.ROOT,
                "Locust's CSV holds %,d requests but its summary printed at exit counts %,d (%,d or %.1f%% missing): %s",
                requests, exit, exit - requests, 100.0 * (exit - requests) / Math.max(1, exit), LocustExitSummary.WHY));
    }

    private static LoadSummary summary(RequestFigures f, double seconds) {
        LatencyMs latency = f.histogram() != null ? Histograms.latency(Histograms.decode(f.histogram()))
                : f.reported() != null ? reported(f.reported()) : null;
        long timed = latency == null ? 0 : f.requests();
        return new LoadSummary(f.requests(), f.failures(), 0, 0, seconds > 0 ? Histograms.round(f.requests() / seconds) : 0,
                f.requests() == 0 ? 0 : (double) f.failures() / f.requests(), timed, latency, f.statuses(),
                f.failures() == 0 ? Map.of() : Map.of("tool", f.failures()), f.bytesReceived(), f.histogram());
    }

    /**
     * The statistics a tool reported, when it gave every one the results carry (Locust does); stddev, which no gate
     * or report reads, is 0 when not given. Null when a statistic is missing: nothing is guessed. Locust rounds its
     * percentiles to its reporting resolution (whole ms below 100 ms, 10 ms below 1 s, 100 ms below 10 s) but not its
     * min and max, so a percentile can lie past them by less than that step: it is kept within them, where it must be.
     */
    private static LatencyMs reported(ReportedLatency r) {
        List<String> names = List.of("p50", "p90", "p95", "p99", "p99.9", "max", "min", "mean");
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            Optional<Double> value = r.stat(names.get(i));
            if (value.isEmpty()) {
                return null;
            }
            v[i] = value.get();
        }
        double max = v[5];
        double min = Math.min(v[6], max);
        for (int i = 0; i < 5; i++) {
            v[i] = Math.max(min, Math.min(max, v[i]));
        }
        return new LatencyMs(v[0], v[1], v[2], v[3], v[4], max, min, v[7], r.stat("stddev").orElse(0.0));
    }

    /** The intervals on the tool's axis: {@code t} counts from the tool's start, as the run's load series does. */
    private static TimeSeries series(ImportedResults r, Instant toolStart) {
        long intervalMs = r.interval() == null ? 1000 : r.interval().toMillis();
        double shift = r.startedAt() == null ? 0 : Duration.between(toolStart, r.startedAt()).toMillis() / 1000.0;
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        r.intervalsByName().forEach((name, points) -> byName.put(name, points(points, shift, intervalMs, false)));
        return new TimeSeries(intervalMs, points(r.intervals(), shift, intervalMs, true), byName);
    }

    private static List<IntervalPoint> points(List<IntervalFigures> figures, double shift, long intervalMs, boolean keepHistogram) {
        List<IntervalPoint> points = new ArrayList<>();
        for (IntervalFigures f : figures) {
            LatencyMs l = f.histogram() != null ? Histograms.latency(Histograms.decode(f.histogram()))
                    : f.reported() != null ? reported(f.reported()) : null;
            points.add(new IntervalPoint(Histograms.round(shift + f.endMs() / 1000.0), f.requests(), f.failures(), 0,
                    Histograms.round(f.requests() * 1000.0 / intervalMs), l == null ? null : l.p50(), l == null ? null : l.p95(),
                    l == null ? null : l.p99(), l == null ? null : l.max(), f.users() == null ? 0 : f.users(),
                    keepHistogram ? f.histogram() : null));
        }
        return points;
    }
}
