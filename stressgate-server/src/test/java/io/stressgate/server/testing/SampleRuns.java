package io.stressgate.server.testing;

import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.scenario.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Results documents for service tests: {@code seconds} intervals of {@code perSecond} requests whose latencies are
 * spread uniformly around a centre, with the histograms, percentiles and verdict the engine would write.
 */
public final class SampleRuns {
    private SampleRuns() {
    }

    /** A completed run that PASSED its one gate. */
    public static RunResults passed(String scenario, double centreMs, long seed) {
        return run(scenario, centreMs, 30, 50, seed, RunStatus.COMPLETED, true);
    }

    public static RunResults run(String scenario, double centreMs, int seconds, int perSecond, long seed, RunStatus status,
                                 boolean gateHolds) {
        Random random = new Random(seed);
        Histogram total = Histograms.forRequests();
        List<IntervalPoint> points = new ArrayList<>(seconds);
        for (int t = 1; t <= seconds; t++) {
            Histogram second = Histograms.forRequests();
            for (int i = 0; i < perSecond; i++) {
                second.recordValue(Math.round(centreMs * 1000 * (0.6 + 0.8 * random.nextDouble())));
            }
            total.add(second);
            points.add(new IntervalPoint(t, perSecond, 0, 0, perSecond, Histograms.percentileMs(second, 50),
                    Histograms.percentileMs(second, 95), Histograms.percentileMs(second, 99),
                    Histograms.round(second.getMaxValue() / 1000.0), 2, null));
        }
        long requests = (long) seconds * perSecond;
        LoadSummary all = new LoadSummary(requests, 0, 0, 0, perSecond, 0, requests, Histograms.latency(total),
                Map.of("200", requests), Map.of(), requests * 100, Histograms.encode(total));
        GateResult gate = new GateResult("http.p95 < 10s", "http.p95", Severity.FAIL, all.latencyMs().p95(),
                all.latencyMs().p95() + "ms", 10_000, "10s", gateHolds, gateHolds ? "holds" : "broken", GateResult.SCENARIO);
        return new RunResults.Builder().runId("run-" + seed).scenario(new ScenarioInfo(scenario, "sample", "s.yml", null, null))
                .status(status, status == RunStatus.COMPLETED ? null : "stopped early")
                .startedAt(Instant.parse("2026-11-20T10:00:00Z").plusSeconds(seed * 60)).durationMs(seconds * 1000L)
                .load(Map.of(RunResults.ALL, all)).timeSeries(new TimeSeries(1000, points, Map.of())).gates(List.of(gate))
                .build();
    }

    public static byte[] json(RunResults results) {
        return ResultsJson.toJson(results).getBytes(StandardCharsets.UTF_8);
    }
}
