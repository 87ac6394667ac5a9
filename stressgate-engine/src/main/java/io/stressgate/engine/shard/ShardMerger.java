package io.stressgate.engine.shard;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ShardSummary;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the shards of one run into the results of the whole run: counts and histograms added exactly, the time
 * series aligned on absolute time, the system-under-test parts from the primary, and the scenario's gates
 * evaluated once on the merged figures. A shard that did not complete or never wrote results makes the merge
 * INTERRUPTED or ERROR, so it is never PASSED.
 */
public final class ShardMerger {
    private final int workers;

    /** A merger on the threads a merge uses by default: one per core. */
    public ShardMerger() {
        this(Workers.count());
    }

    /** A merger that adds and encodes the merged intervals on {@code workers} threads (at least one). */
    public ShardMerger(int workers) {
        this.workers = Math.max(1, workers);
    }

    public RunResults merge(ShardSet set) {
        List<RunResults> shards = set.shards().stream().map(ShardSet.Shard::results).toList();
        ShardSet.Shard primaryShard = set.primaryShard();
        RunResults primary = primaryShard != null ? primaryShard.results() : shards.get(0);
        Instant start = shards.stream().map(RunResults::startedAt).min(Instant::compareTo).orElseThrow();
        Instant end = shards.stream().map(r -> r.startedAt().plusMillis(r.durationMs())).max(Instant::compareTo).orElseThrow();
        List<SeriesMerge.Part> series = shards.stream().map(r -> new SeriesMerge.Part(r.startedAt(), r.timeSeries())).toList();
        RunResults merged = primary.toBuilder()
                .runId(runId(set))
                .startedAt(start)
                .durationMs(Duration.between(start, end).toMillis())
                .generator(generator(set, primary.generator()))
                .phases(phases(shards, start))
                .load(LoadMerge.byName(shards.stream().map(RunResults::load).toList()))
                .timeSeries(SeriesMerge.merge(series, start, workers))
                .jobs(JobsMerge.merge(shards.stream().map(RunResults::jobs).toList()))
                .checks(CheckSummary.merge(shards.stream().map(RunResults::checks).toList()))
                .orphans(orphans(shards))
                .shard(null)
                .shards(ShardSummaries.of(set))
                .gates(List.of())
                .build();
        merged = status(merged, set);
        return merged.withGates(gates(primary.gates(), merged));
    }

    /** The same shards always merge to the same id, so publishing a merge twice is one run. */
    static String runId(ShardSet set) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(set.group().getBytes(StandardCharsets.UTF_8));
            for (ShardSet.Shard s : set.shards()) {
                sha.update((byte) 0);
                sha.update(s.results().runId().getBytes(StandardCharsets.UTF_8));
            }
            return "merged-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static RunResults status(RunResults merged, ShardSet set) {
        List<String> errors = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        set.absentIndexes().forEach(i -> errors.add("shard " + i + " never wrote results (killed, never started, or still running)"));
        for (ShardSet.Shard s : set.shards()) {
            RunResults r = s.results();
            String line = "shard " + s.info().index() + " " + r.status() + (r.statusReason() == null ? "" : ": " + r.statusReason());
            if (r.status() == RunStatus.ERROR) {
                errors.add(line);
            } else if (r.status() == RunStatus.INTERRUPTED) {
                interrupted.add(line);
            }
        }
        if (!errors.isEmpty()) {
            errors.addAll(interrupted);
            return merged.toBuilder().status(RunStatus.ERROR, String.join("; ", errors)).build();
        }
        if (!interrupted.isEmpty()) {
            return merged.toBuilder().status(RunStatus.INTERRUPTED, String.join("; ", interrupted)).build();
        }
        return merged.toBuilder().status(RunStatus.COMPLETED, null).build();
    }

    /** The scenario's gates as the shards recorded them, decided again, once, on the merged figures. */
    static List<GateResult> gates(List<GateResult> recorded, RunResults merged) {
        List<GateSpec> specs = new ArrayList<>();
        for (GateResult g : recorded) {
            if (GateResult.SCENARIO.equals(g.source())) {
                specs.add(new GateSpec(GateExpression.parse(g.expression()), g.severity(), false, Duration.ZERO,
                        new Location("results.json", 0, 0)));
            }
        }
        return new GateEvaluator().evaluate(specs, new ResultsMetrics(merged));
    }

    /** The primary's generator figures, saturated when any shard's generator was (then its figures measure itself). */
    private static GeneratorInfo generator(ShardSet set, GeneratorInfo primary) {
        List<String> saturated = new ArrayList<>();
        String tls = null;
        for (ShardSet.Shard s : set.shards()) {
            GeneratorInfo g = s.results().generator();
            if (g != null && g.saturated()) {
                saturated.add("shard " + s.info().index() + ": " + g.saturationReason());
            }
            if (tls == null && g != null && g.tlsFailure() != null) {
                tls = "shard " + s.info().index() + ": " + g.tlsFailure();
            }
        }
        if (primary == null || saturated.isEmpty() && tls == null) {
            return primary;
        }
        return new GeneratorInfo(primary.version(), primary.threads(), primary.cores(), primary.cpuPercent(),
                primary.cpuMicrosPerRequest(), primary.busiestLoopPercent(), primary.scheduleLagP99Ms(),
                primary.connectionsOpened(), primary.preconnected(), primary.heapUsedBytes(),
                !saturated.isEmpty() || primary.saturated(), saturated.isEmpty() ? primary.saturationReason()
                : String.join("; ", saturated), tls);
    }

    /** Phases by name: the earliest start and latest end on the merged clock, counts added. */
    private static List<PhaseSummary> phases(List<RunResults> shards, Instant start) {
        Map<String, PhaseSummary> byName = new LinkedHashMap<>();
        for (RunResults r : shards) {
            long shift = Duration.between(start, r.startedAt()).toMillis();
            for (PhaseSummary p : r.phases()) {
                PhaseSummary q = new PhaseSummary(p.name(), p.executor(), p.startMs() + shift, p.endMs() + shift,
                        p.iterations(), p.completed(), p.interrupted(), p.dropped(), p.maxConcurrency());
                byName.merge(p.name(), q, (a, b) -> new PhaseSummary(a.name(), a.executor(), Math.min(a.startMs(), b.startMs()),
                        Math.max(a.endMs(), b.endMs()), a.iterations() + b.iterations(), a.completed() + b.completed(),
                        a.interrupted() + b.interrupted(), a.dropped() + b.dropped(), a.maxConcurrency() + b.maxConcurrency()));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** Orphans found by any shard (only the primary looks, unless the scenario checks orphans per shard). */
    private static List<OrphanReport> orphans(List<RunResults> shards) {
        List<OrphanReport> all = new ArrayList<>();
        shards.forEach(r -> all.addAll(r.orphans()));
        return all;
    }
}
