package io.stressgate.engine.step;

import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Dimension;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The few figures of a run that the build page's summary box and the Pipeline script see, every string already
 * made display-safe: scenario, verdict, status, latency p95/p99 (ms), throughput, error rate, lost jobs, orphans,
 * the broken gates and the run cookie. Null figures were not measured.
 */
public record RunDigest(String scenario, String verdict, String status, Double p95Ms, Double p99Ms, Double rps,
                        Double errorRate, Long lostJobs, int orphans, List<String> brokenGates, String runCookie) {
    public RunDigest {
        brokenGates = List.copyOf(brokenGates);
    }

    public static RunDigest of(RunResults r) {
        LoadSummary all = r.all();
        LatencyMs latency = all == null ? null : all.latencyMs();
        return new RunDigest(
                DisplayText.clamp(r.scenario() == null ? null : r.scenario().name(), 128),
                r.verdict().name(),
                r.status().name(),
                latency == null ? null : latency.p95(),
                latency == null ? null : latency.p99(),
                all == null ? null : all.rps(),
                all == null ? null : all.errorRate(),
                r.jobs() == null ? null : r.jobs().lost(),
                r.orphans().size(),
                GateLines.broken(r.gates()),
                DisplayText.clamp(r.runCookie(), 128));
    }

    /**
     * The value {@code stressTest} returns to the Pipeline script: a map of strings, numbers and booleans (which the
     * script-security sandbox lets a script read with {@code get}); figures that were not measured are absent.
     */
    public LinkedHashMap<String, Object> stepResult(String reportUrl) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", verdict);
        putIfPresent(out, "p95", p95Ms);
        putIfPresent(out, "p99", p99Ms);
        putIfPresent(out, "rps", rps);
        putIfPresent(out, "errorRate", errorRate);
        putIfPresent(out, "lostJobs", lostJobs);
        out.put("orphans", orphans);
        putIfPresent(out, "reportUrl", reportUrl);
        putIfPresent(out, "runCookie", runCookie);
        return out;
    }

    /** The figures as labelled text for the build page, in the units the gates use; unmeasured ones are left out. */
    public LinkedHashMap<String, String> figures() {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        putIfPresent(out, "p95", p95Ms == null ? null : Dimension.DURATION.format(p95Ms));
        putIfPresent(out, "p99", p99Ms == null ? null : Dimension.DURATION.format(p99Ms));
        putIfPresent(out, "throughput", rps == null ? null : Dimension.RATE.format(Math.round(rps * 100) / 100.0));
        putIfPresent(out, "errors", errorRate == null ? null : Dimension.FRACTION.format(Math.round(errorRate * 10_000) / 10_000.0));
        putIfPresent(out, "lost jobs", lostJobs == null ? null : Dimension.COUNT.format(lostJobs));
        out.put("orphans", Dimension.COUNT.format(orphans));
        return out;
    }

    private static <V> void putIfPresent(LinkedHashMap<String, V> out, String key, V value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
