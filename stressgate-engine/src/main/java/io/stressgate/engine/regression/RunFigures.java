package io.stressgate.engine.regression;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The figures regression checks read from runs: a run's own values, and the baseline's values pooled over its runs
 * without averaging percentiles (latency from the merged histograms; the median of the runs' values only when a run
 * kept no histogram).
 */
final class RunFigures {
    private RunFigures() {
    }

    /** A latency statistic of the run over all requests; null when nothing was timed. */
    static Double latency(RunResults r, ToDoubleFunction<LatencyMs> stat) {
        LoadSummary all = r.all();
        return all == null || all.samples() == 0 || all.latencyMs() == null ? null : stat.applyAsDouble(all.latencyMs());
    }

    /** The percentile of the baseline's merged histograms, or the median of its runs' values when one has none. */
    static Double pooledLatency(List<RunResults> runs, double percentile, ToDoubleFunction<LatencyMs> stat) {
        List<String> histograms = runs.stream().map(RunResults::all).filter(a -> a != null && a.samples() > 0)
                .map(LoadSummary::histogram).toList();
        if (!histograms.isEmpty() && histograms.stream().allMatch(h -> h != null)) {
            Histogram merged = new Histogram(3);
            histograms.forEach(h -> merged.add(Histograms.decode(h)));
            if (merged.getTotalCount() > 0) {
                return Histograms.percentileMs(merged, percentile);
            }
        }
        return median(runs.stream().map(r -> latency(r, stat)).toList());
    }

    /** The non-null values of one statistic over the run's intervals (all requests). */
    static double[] intervals(RunResults r, Function<IntervalPoint, Double> stat) {
        if (r.timeSeries() == null) {
            return new double[0];
        }
        return r.timeSeries().all().stream().map(stat).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    }

    /** The interval values of all baseline runs in one sample. */
    static double[] pooledIntervals(List<RunResults> runs, Function<IntervalPoint, Double> stat) {
        return runs.stream().flatMapToDouble(r -> Arrays.stream(intervals(r, stat))).toArray();
    }

    static Double rps(RunResults r) {
        return r.all() == null ? null : r.all().rps();
    }

    static Double medianRps(List<RunResults> runs) {
        return median(runs.stream().map(RunFigures::rps).toList());
    }

    /** The error rate; null when no request was sent, since a rate of nothing is not 0. */
    static Double errorRate(RunResults r) {
        return r.all() == null || r.all().requests() == 0 ? null : r.all().errorRate();
    }

    /** All baseline errors over all baseline requests. */
    static Double pooledErrorRate(List<RunResults> runs) {
        long requests = 0;
        long errors = 0;
        for (RunResults r : runs) {
            if (r.all() != null) {
                requests += r.all().requests();
                errors += r.all().errors();
            }
        }
        return requests == 0 ? null : (double) errors / requests;
    }

    static Double median(List<Double> values) {
        List<Double> present = new ArrayList<>(values.stream().filter(v -> v != null).toList());
        if (present.isEmpty()) {
            return null;
        }
        present.sort(Double::compare);
        int mid = present.size() / 2;
        return present.size() % 2 == 1 ? present.get(mid) : (present.get(mid - 1) + present.get(mid)) / 2;
    }
}
