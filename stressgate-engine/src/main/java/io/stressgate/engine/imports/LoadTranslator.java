package io.stressgate.engine.imports;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.EncodedHistogram;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one mapping of imported figures to the load part of {@link RunResults}, used by {@code executor: external} and
 * by {@code stressgate import} alike: a {@link LoadSummary} per request name and for all, and the time series.
 * Latency comes from a rebuilt histogram or, where the tool kept only summaries, from the statistics it reported when
 * it gave every one the results carry; otherwise it is left out (what the tool did gave, gates still read through
 * {@link ImportedMetrics}), so nothing is guessed.
 */
public final class LoadTranslator {
    /**
     * Responses without an HTTP status (JMeter's "Non HTTP response code: java.net.SocketTimeoutException") are
     * counted under this error kind: results.json keys statuses by HTTP status only.
     */
    static final String NO_HTTP_STATUS = "no_http_status";
    private static final Pattern HTTP_STATUS = Pattern.compile("[1-5]\\d\\d");
    private static final List<String> CARRIED = List.of("p50", "p90", "p95", "p99", "p99.9", "max", "min", "mean");

    /**
     * The summaries by request name with {@link RunResults#ALL}; throughput divides by the file's duration, or by
     * {@code ran} (how long the tool ran, null when unknown) when the file has none.
     */
    public Map<String, LoadSummary> load(ImportedResults r, Duration ran) {
        Duration d = r.duration() != null && !r.duration().isZero() ? r.duration() : ran;
        double seconds = d == null ? 0 : d.toMillis() / 1000.0;
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, summary(r.total(), seconds));
        r.byName().forEach((name, figures) -> load.put(name, summary(figures, seconds)));
        return load;
    }

    /**
     * The intervals with {@code t} counted from {@code axisStart} (the tool's start in an external run), or from the
     * file's own start when {@code axisStart} is null; an empty series when the file has none.
     */
    public TimeSeries series(ImportedResults r, Instant axisStart) {
        long intervalMs = r.interval() == null ? 1000 : r.interval().toMillis();
        double shift = axisStart == null || r.startedAt() == null ? 0
                : Duration.between(axisStart, r.startedAt()).toMillis() / 1000.0;
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        r.intervalsByName().forEach((name, points) -> byName.put(name, points(points, shift, intervalMs, false)));
        return new TimeSeries(intervalMs, points(r.intervals(), shift, intervalMs, true), byName);
    }

    private static LoadSummary summary(RequestFigures f, double seconds) {
        LatencyMs latency = latency(f.histogram(), f.reported());
        long timed = latency == null ? 0 : f.requests();
        Map<String, Long> statuses = new TreeMap<>();
        long noStatus = 0;
        for (Map.Entry<String, Long> e : f.statuses().entrySet()) {
            if (HTTP_STATUS.matcher(e.getKey()).matches()) {
                statuses.put(e.getKey(), e.getValue());
            } else {
                noStatus += e.getValue();
            }
        }
        Map<String, Long> kinds = new TreeMap<>();
        if (f.failures() > 0) {
            kinds.put("tool", f.failures());
        }
        if (noStatus > 0) {
            kinds.put(NO_HTTP_STATUS, noStatus);
        }
        return new LoadSummary(f.requests(), f.failures(), 0, 0, seconds > 0 ? Histograms.round(f.requests() / seconds) : 0,
                f.requests() == 0 ? 0 : (double) f.failures() / f.requests(), timed, latency, statuses, kinds,
                f.bytesReceived(), f.histogram());
    }

    private static List<IntervalPoint> points(List<IntervalFigures> figures, double shift, long intervalMs, boolean keepHistogram) {
        List<IntervalPoint> points = new ArrayList<>();
        for (IntervalFigures f : figures) {
            LatencyMs l = latency(f.histogram(), f.reported());
            points.add(new IntervalPoint(Histograms.round(shift + f.endMs() / 1000.0), f.requests(), f.failures(), 0,
                    Histograms.round(f.requests() * 1000.0 / intervalMs), l == null ? null : l.p50(), l == null ? null : l.p95(),
                    l == null ? null : l.p99(), l == null ? null : l.max(), f.users() == null ? 0 : f.users(),
                    keepHistogram && f.histogram() != null ? EncodedHistogram.ofBase64(f.histogram()) : null));
        }
        return points;
    }

    private static LatencyMs latency(String histogram, ReportedLatency reported) {
        if (histogram != null) {
            return Histograms.latency(Histograms.decode(histogram));
        }
        return reported == null ? null : reported(reported);
    }

    /**
     * The statistics a tool reported, when it gave every one the results carry (Locust does); stddev, which no gate
     * or report reads, is 0 when not given. Null when a statistic is missing: nothing is guessed. Locust rounds its
     * percentiles to its reporting resolution (whole ms below 100 ms, 10 ms below 1 s, 100 ms below 10 s) but not its
     * min and max, so a percentile can lie past them by less than that step: it is kept within them, where it must be.
     */
    private static LatencyMs reported(ReportedLatency r) {
        double[] v = new double[CARRIED.size()];
        for (int i = 0; i < v.length; i++) {
            Optional<Double> value = r.stat(CARRIED.get(i));
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
}
