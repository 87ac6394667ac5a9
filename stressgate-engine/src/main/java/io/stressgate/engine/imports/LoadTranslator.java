package io.stressgate.engine.imports;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns imported figures into the load part of {@link RunResults}: a {@link LoadSummary} per request name and for
 * all, and the time series. Latency comes from rebuilt histograms only; a source with reported figures alone gets
 * no latency here (its {@link ReportedLatency} says which statistics it gave), so nothing is guessed.
 */
public final class LoadTranslator {

    public Map<String, LoadSummary> load(ImportedResults r) {
        double seconds = r.duration() == null ? 0 : r.duration().toMillis() / 1000.0;
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, summary(r.total(), seconds));
        r.byName().forEach((n, f) -> load.put(n, summary(f, seconds)));
        return load;
    }

    /** The series, or null when the file has none. */
    public TimeSeries series(ImportedResults r) {
        if (r.interval() == null || r.intervals().isEmpty()) {
            return null;
        }
        long ms = r.interval().toMillis();
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        r.intervalsByName().forEach((n, points) -> byName.put(n, points(points, ms, false)));
        return new TimeSeries(ms, points(r.intervals(), ms, true), byName);
    }

    private static List<IntervalPoint> points(List<IntervalFigures> figures, long ms, boolean keepHistogram) {
        List<IntervalPoint> points = new ArrayList<>();
        for (IntervalFigures f : figures) {
            Histogram h = f.histogram() == null ? null : Histograms.decode(f.histogram());
            boolean timed = h != null && h.getTotalCount() > 0;
            points.add(new IntervalPoint(f.endMs() / 1000.0, f.requests(), f.failures(), 0,
                    Histograms.round(f.requests() * 1000.0 / ms),
                    timed ? Histograms.percentileMs(h, 50) : null, timed ? Histograms.percentileMs(h, 95) : null,
                    timed ? Histograms.percentileMs(h, 99) : null, timed ? Histograms.round(h.getMaxValue() / 1000.0) : null,
                    f.users() == null ? 0 : f.users(), keepHistogram ? f.histogram() : null));
        }
        return points;
    }

    private static LoadSummary summary(RequestFigures f, double seconds) {
        Histogram h = f.histogram() == null ? null : Histograms.decode(f.histogram());
        return new LoadSummary(f.requests(), f.failures(), 0, 0,
                seconds > 0 ? Histograms.round(f.requests() / seconds) : 0,
                f.requests() == 0 ? 0 : (double) f.failures() / f.requests(),
                h == null ? 0 : h.getTotalCount(), h == null ? null : Histograms.latency(h), f.statuses(), Map.of(),
                f.bytesReceived(), f.histogram());
    }
}
