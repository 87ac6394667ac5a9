package io.stressgate.engine.regression;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/** Runs with recorded (not invented) latencies: each interval's requests drawn from a seeded log-normal spread. */
final class RegressionRuns {
    static final int REQUESTS_PER_INTERVAL = 200;

    private RegressionRuns() {
    }

    /** {@code intervals} seconds whose latencies centre on the given milliseconds. */
    static double[] steady(int intervals, double typicalMs) {
        double[] ms = new double[intervals];
        Arrays.fill(ms, typicalMs);
        return ms;
    }

    static RunResults run(String id, double[] typicalMsPerInterval, long errors, long seed) {
        Random random = new Random(seed);
        Histogram total = Histograms.forRequests();
        List<IntervalPoint> points = new ArrayList<>();
        for (int i = 0; i < typicalMsPerInterval.length; i++) {
            Histogram interval = Histograms.forRequests();
            for (int k = 0; k < REQUESTS_PER_INTERVAL; k++) {
                double ms = typicalMsPerInterval[i] * Math.exp(0.25 * random.nextGaussian());
                Histograms.record(interval, Math.round(ms * 1000));
            }
            total.add(interval);
            points.add(new IntervalPoint(i + 1, REQUESTS_PER_INTERVAL, 0, 0, REQUESTS_PER_INTERVAL,
                    Histograms.percentileMs(interval, 50), Histograms.percentileMs(interval, 95),
                    Histograms.percentileMs(interval, 99), Histograms.round(interval.getMaxValue() / 1000.0), 1, null));
        }
        long requests = (long) REQUESTS_PER_INTERVAL * typicalMsPerInterval.length;
        double seconds = typicalMsPerInterval.length;
        LoadSummary all = new LoadSummary(requests, errors, 0, 0, requests / seconds, (double) errors / requests, requests,
                Histograms.latency(total), Map.of("200", requests - errors), Map.of(), 0, Histograms.encode(total));
        return new RunResults.Builder().runId(id).scenario(new ScenarioInfo("checkout", null, "checkout.yml", null, null))
                .startedAt(Instant.parse("2026-11-01T10:00:00Z")).durationMs((long) (seconds * 1000))
                .load(Map.of(RunResults.ALL, all)).timeSeries(new TimeSeries(1000, points, Map.of())).build();
    }

    static RunResults steadyRun(String id, double typicalMs, long seed) {
        return run(id, steady(60, typicalMs), 0, seed);
    }

    /** Five PASSED baseline runs of builds 1 to 5 at about 40 ms. */
    static List<BaselineRun> history() {
        List<BaselineRun> runs = new ArrayList<>();
        for (int build = 1; build <= 5; build++) {
            runs.add(new BaselineRun("run-" + build, build, steadyRun("run-" + build, 40, build)));
        }
        return runs;
    }
}
