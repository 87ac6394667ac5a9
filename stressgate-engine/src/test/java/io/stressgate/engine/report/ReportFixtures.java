package io.stressgate.engine.report;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Samples;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.result.SystemSummary;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic run in the shape of the seeds: an API and RQ workers under 30 s of load with two request names, a
 * worker killed at 12 s, a Redis outage while the queue backs up, jobs lost, an orphan left, gates of both
 * severities both held and broken. Every name can be replaced to test escaping.
 */
final class ReportFixtures {
    static final String SCENARIO = "checkout-storm";
    static final String CREATE = "create-order";
    static final String POLL = "poll-status";
    static final Instant STARTED = Instant.parse("2025-11-22T10:00:00Z");
    private static final long MIB = 1024 * 1024;

    /** The names a run is built with; the hostile tests set every one to a payload. */
    record Names(String scenario, String create, String poll, String api, String worker, String queue, String chaos,
                 String command) {
        static final Names PLAIN = new Names(SCENARIO, CREATE, POLL, "api", "worker", "jobs", "kill-worker",
                "rq worker default");

        /** Every name set to the payload (the two request names and two services kept apart by a suffix). */
        static Names all(String payload) {
            return new Names(payload, payload, payload + " 2", payload, payload + " 2", payload, payload, payload);
        }
    }

    private ReportFixtures() {
    }

    static RunResults run() {
        return run(Names.PLAIN);
    }

    static RunResults run(Names n) {
        RunResults ungated = builder(n).build();
        return ungated.withGates(gates(n, ungated));
    }

    /** The same run stopped by a signal at 21 s: no phases finished, the queue still full. */
    static RunResults interrupted() {
        return run().toBuilder().status(RunStatus.INTERRUPTED, "stopped by SIGTERM after 21s").build();
    }

    /** The run with every name set to the payload, plus a broken gate whose expression holds it. */
    static RunResults hostile(String payload) {
        RunResults r = run(Names.all(payload));
        List<GateResult> gates = new ArrayList<>(r.gates());
        gates.add(new GateResult("http{name=" + payload + "}.p95 < 1s", "http{name=" + payload + "}.p95", Severity.FAIL,
                1_200.0, "1.2s", 1_000, "1s", false, "broken: http{name=" + payload + "}.p95 was 1.2s, limit < 1s",
                GateResult.SCENARIO));
        return r.toBuilder().gates(gates).build();
    }

    /** A run with load only: no jobs, no system under test, no samples. */
    static RunResults loadOnly() {
        RunResults full = run();
        return new RunResults.Builder().runId("run-2").scenario(full.scenario()).startedAt(STARTED).durationMs(30_000)
                .load(full.load()).timeSeries(full.timeSeries()).generator(full.generator()).build();
    }

    private static RunResults.Builder builder(Names n) {
        return new RunResults.Builder()
                .runId("run-20251122-100000-7f3a")
                .scenario(new ScenarioInfo(n.scenario(), "100 users against the order API while a worker dies",
                        "scenarios/checkout-storm.yaml", "9f2c1e0b7a5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a",
                        "http://127.0.0.1:8000"))
                .startedAt(STARTED)
                .durationMs(39_987)
                .generator(new GeneratorInfo("0.1.0", 4, 2, 38.46, 142.5, 41.2, 3.4, 70, 6, 96 * MIB, false, null))
                .phases(List.of(new PhaseSummary("storm", "constant-arrival-rate", 0, 30_000, 1_422, 1_420, 0, 2, 100)))
                .load(load(n))
                .timeSeries(timeSeries(n))
                .jobs(new JobsSummary(400, 380, 5, 12, 3, 1, 15, latency(2_000, 8_000, 12_000, 14_500), null,
                        Map.of("never picked up", 1L, "status 404 after restart", 2L), List.of("job-17", "job-231", "job-388")))
                .runCookie("sg-7f3a")
                .services(services(n))
                .processes(processes(n))
                .system(new SystemSummary(8L * 1024 * MIB, 5632 * MIB, 97.3, 3.8, 0))
                .queues(Map.of(n.queue(), new QueueSummary("rq", "rq:queue:default", 401, 37, null, false, 300,
                        List.of(new QueueSummary.Gap(12_100, 14_600, "connection refused")))))
                .samples(samples(n))
                .chaos(List.of(new ChaosEvent(n.chaos(), "kill", 12_000, "schedule", "SIGKILL",
                        List.of(new ChaosEvent.Target(4120, n.command(), "ci")), ChaosEvent.Outcome.DONE,
                        "killed 1 process", 4_200L, 2_500L)))
                .orphans(List.of(new OrphanReport(4188, 1, "ffmpeg -i /tmp/in.wav -f mp3 " + n.command(),
                        OrphanReport.Reason.COOKIE, "carries the run cookie sg-7f3a", false)))
                .leaks(new LeakReport(3, 1, 0, List.of(new LeakReport.Detail(n.api(), 4101, "fds", 58, 61,
                        List.of("/tmp/upload-1.part", "socket:[88121]", "pipe:[8812]")))));
    }

    private static Map<String, LoadSummary> load(Names n) {
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(n.create(), new LoadSummary(900, 30, 2, 20, 30.0, 30 / 900.0, 880, latency(120, 450, 1_200, 2_100),
                Map.of("201", 870L, "503", 10L), Map.of("http_5xx", 10L, "timeout", 20L), 270_000, null));
        load.put(n.poll(), new LoadSummary(520, 12, 0, 12, 17.33, 12 / 520.0, 508, latency(40, 150, 380, 10_041),
                Map.of("200", 508L), Map.of("timeout", 12L), 52_000, null));
        load.put(RunResults.ALL, new LoadSummary(1_420, 42, 2, 32, 47.33, 42 / 1420.0, 1_388,
                latency(95, 420, 1_150, 10_041), Map.of("200", 508L, "201", 870L, "503", 10L),
                Map.of("http_5xx", 10L, "timeout", 32L), 322_000, null));
        return load;
    }

    /** Percentiles with the ones in between made up consistently. */
    static LatencyMs latency(double p50, double p95, double p99, double max) {
        return new LatencyMs(p50, (p50 + p95) / 2, p95, p99, (p99 + max) / 2, max, 1, p50 * 1.3, p95 / 3);
    }

    private static TimeSeries timeSeries(Names n) {
        List<IntervalPoint> all = new ArrayList<>();
        List<IntervalPoint> create = new ArrayList<>();
        List<IntervalPoint> poll = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            boolean outage = t >= 12 && t <= 16;
            long errors = outage ? 8 : 0;
            double p50 = outage ? 300 + t : 90 + t % 5;
            all.add(new IntervalPoint(t, 47, errors, 0, 47, p50, p50 * 4, p50 * 10, p50 * 12, 9, null));
            create.add(new IntervalPoint(t, 30, errors, 0, 30, p50 * 1.2, p50 * 4.5, p50 * 11, p50 * 13, 6, null));
            poll.add(new IntervalPoint(t, 17, 0, 0, 17, p50 / 2, p50 * 1.5, p50 * 4, p50 * 5, 3, null));
        }
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        byName.put(n.create(), create);
        byName.put(n.poll(), poll);
        return new TimeSeries(1_000, all, byName);
    }

    /**
     * Every 0.1 s for 36 s (the load's 30 s and the drain after) what the samplers record, in their column names: the machine (CPU of all cores, memory of 8 GiB,
     * load, swap), each process group (CPU of one core, RSS, threads, fds, children, processes), the queue's depth
     * (not read during the Redis outage) and Redis's own memory and clients. Memory of GiB beside RSS of MiB, as on an
     * agent.
     */
    static Samples samples(Names n) {
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i <= 360; i++) {
            double t = i / 10.0;
            boolean outage = t >= 12.1 && t <= 14.6;
            Double queue = outage ? null : (double) Math.min(401, i * 2L);
            double workers = t < 5 ? 3 : t < 12.1 ? 5 : t < 13 ? 2 : 3;
            List<Double> row = new ArrayList<>(List.of(t, 40 + i % 20 * 2.0, (5_000 + i) * (double) MIB,
                    (3_192 - i) * (double) MIB, 1.5 + i / 100.0, 0.0));
            row.addAll(List.of(20 + (i % 50) * 1.5, (150 + i % 30) * (double) MIB, 24.0, 58.0 + i / 100, 0.0, 1.0));
            row.addAll(List.of(60 + (i % 30) * 4.0, (200 + i / 3) * (double) MIB, 4 * workers, 10 * workers,
                    i % 40 < 10 ? 1.0 : 0.0, workers));
            row.add(queue);
            row.add(outage ? null : (12 + i / 30) * (double) MIB);
            row.add(outage ? null : 4.0 + workers);
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("t", "cpu_pct", "mem_used_bytes", "mem_avail_bytes", "load1",
                "swap_used_bytes"));
        for (String group : List.of(n.api(), n.worker())) {
            List.of("cpu_pct", "rss_bytes", "threads", "fds", "children", "count").forEach(s -> columns.add(group + "." + s));
        }
        columns.addAll(List.of("queue." + n.queue() + ".depth", "redis.used_memory", "redis.connected_clients"));
        return new Samples(100, columns, rows, 0.8);
    }

    private static List<ServiceReport> services(Names n) {
        return List.of(
                new ServiceReport(n.api(), List.of("uvicorn", "app:api", "--port", "8000"),
                        List.of(new ServiceReport.Replica(1, 4101, 0, 39_900L, 0, 0)), 850L, true, null),
                new ServiceReport(n.worker(), List.of("rq", "worker", "default"),
                        List.of(new ServiceReport.Replica(1, 4120, 0, 12_000L, -9, 1),
                                new ServiceReport.Replica(2, 4121, 0, 39_950L, 0, 0)), 1_200L, true,
                        "replica 1 restarted after SIGKILL"));
    }

    private static Map<String, ProcessSummary> processes(Names n) {
        Map<String, ProcessSummary> processes = new LinkedHashMap<>();
        processes.put(n.api(), new ProcessSummary(List.of(4101L), 180 * MIB, 95.5, 24, 61, 0, 1, 1L, 1L,
                List.of(new ProcessSummary.CountChange(0, 1)), 0L, 0L, List.of(), List.of()));
        // Replica 1 is killed at 12 s (first seen gone at 12.1 s) and restarted by 13 s.
        processes.put(n.worker(), new ProcessSummary(List.of(4120L, 4121L, 4188L), 300 * MIB, 180.2, 12, 40, 3, 5, 2L, 3L,
                List.of(new ProcessSummary.CountChange(0, 3), new ProcessSummary.CountChange(5_000, 5),
                        new ProcessSummary.CountChange(12_100, 2), new ProcessSummary.CountChange(13_000, 3)),
                1L, 1L, List.of(ProcessSummary.Death.of(4120, 12_100, 137)),
                List.of(new ProcessSummary.Restart(4188, 13_000, 4120))));
        return processes;
    }

    /** Gates decided the way a run decides them, held and broken, of both severities. */
    private static List<GateResult> gates(Names n, RunResults results) {
        List<GateSpec> specs = List.of(
                gate("http.p95 < 500ms", Severity.FAIL),
                gate("http{name=" + CREATE + "}.p99 < 1s", Severity.FAIL),
                gate("http.error_rate < 5%", Severity.FAIL),
                gate("process{name=worker}.rss_max < 512MiB", Severity.UNSTABLE),
                gate("queue{name=jobs}.drain < 30s", Severity.UNSTABLE),
                gate("jobs.lost == 0", Severity.UNSTABLE),
                gate("orphans == 0", Severity.FAIL));
        RunResults named = n.equals(Names.PLAIN) ? results : run(Names.PLAIN);
        return new GateEvaluator().evaluate(specs, new ResultsMetrics(named));
    }

    private static GateSpec gate(String text, Severity severity) {
        return new GateSpec(GateExpression.parse(text), severity, false, Duration.ZERO, Location.of("checkout-storm.yaml"));
    }
}
