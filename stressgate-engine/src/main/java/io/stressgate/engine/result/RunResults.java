package io.stressgate.engine.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run measured and decided: the one contract between the engine, the CLI, the reporting service and
 * the Jenkins plugin, written as {@code results.json} with the schema {@value #SCHEMA}.
 * Parts the scenario did not use are null or empty; {@code shard} is null except in one shard's results, and
 * {@code shards} is empty except in the merge of a sharded run, where it lists every shard. {@code checks} lists
 * every check the scenario's requests declare, with its passes and fails (empty when none declares one);
 * {@code external} is the external tool's run when the load was an {@code executor: external} phase, else null;
 * {@code breakingPoint} is null unless a stepping-arrival-rate phase looked for it (and in results written before
 * it existed); {@code imported} is the result file of another load tool when the run was imported from one
 * ({@code stressgate import}), else null.
 */
public record RunResults(
        String schema,
        String runId,
        ScenarioInfo scenario,
        RunStatus status,
        String statusReason,
        Verdict verdict,
        Instant startedAt,
        long durationMs,
        GeneratorInfo generator,
        List<PhaseSummary> phases,
        Map<String, LoadSummary> load,
        TimeSeries timeSeries,
        JobsSummary jobs,
        List<GateResult> gates,
        String runCookie,
        List<ServiceReport> services,
        Map<String, ProcessSummary> processes,
        SystemSummary system,
        Map<String, QueueSummary> queues,
        Samples samples,
        List<ChaosEvent> chaos,
        List<OrphanReport> orphans,
        LeakReport leaks,
        ShardInfo shard,
        List<ShardSummary> shards,
        List<CheckSummary> checks,
        ExternalRun external, BreakingPoint breakingPoint, ImportedRun imported) {

    /** The schema this version writes. */
    public static final String SCHEMA = "stressgate.results/1";
    /** The key of the totals in {@link #load()}. */
    public static final String ALL = "all";

    /** The results of a run as one unsharded process writes them. */
    public RunResults(String schema, String runId, ScenarioInfo scenario, RunStatus status, String statusReason,
                      Verdict verdict, Instant startedAt, long durationMs, GeneratorInfo generator,
                      List<PhaseSummary> phases, Map<String, LoadSummary> load, TimeSeries timeSeries, JobsSummary jobs,
                      List<GateResult> gates, String runCookie, List<ServiceReport> services,
                      Map<String, ProcessSummary> processes, SystemSummary system, Map<String, QueueSummary> queues,
                      Samples samples, List<ChaosEvent> chaos, List<OrphanReport> orphans, LeakReport leaks) {
        this(schema, runId, scenario, status, statusReason, verdict, startedAt, durationMs, generator, phases, load,
                timeSeries, jobs, gates, runCookie, services, processes, system, queues, samples, chaos, orphans, leaks,
                null, null, null, null, null, null);
    }

    public RunResults {
        phases = phases == null ? List.of() : List.copyOf(phases);
        load = Maps.ordered(load);
        gates = gates == null ? List.of() : List.copyOf(gates);
        services = services == null ? List.of() : List.copyOf(services);
        processes = Maps.ordered(processes);
        queues = Maps.ordered(queues);
        chaos = chaos == null ? List.of() : List.copyOf(chaos);
        orphans = orphans == null ? List.of() : List.copyOf(orphans);
        shards = shards == null ? List.of() : List.copyOf(shards);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The totals over all requests. */
    public LoadSummary all() {
        return load.get(ALL);
    }

    /** The same results with other gates and the verdict they give. */
    public RunResults withGates(List<GateResult> newGates) {
        return new RunResults(schema, runId, scenario, status, statusReason, Verdict.of(status, newGates, shard),
                startedAt, durationMs, generator, phases, load, timeSeries, jobs, newGates, runCookie, services,
                processes, system, queues, samples, chaos, orphans, leaks, shard, shards, checks, external, breakingPoint,
                imported);
    }

    /**
     * The same results with another time series, every other field as it was, the verdict included: a reader must
     * check the verdict a document claims, never one recomputed for it.
     */
    public RunResults withTimeSeries(TimeSeries series) {
        return new RunResults(schema, runId, scenario, status, statusReason, verdict, startedAt, durationMs, generator,
                phases, load, series, jobs, gates, runCookie, services, processes, system, queues, samples, chaos, orphans,
                leaks, shard, shards, checks, external, breakingPoint, imported);
    }

    /** The same results marked as one shard of a sharded run, whose verdict is therefore PENDING. */
    public RunResults asShard(ShardInfo info) {
        return toBuilder().shard(info).build();
    }

    /** A copy builder, for the parts of a run that are filled in one after another. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds results step by step; the verdict is always recomputed from status and gates. */
    public static final class Builder {
        private String runId;
        private ScenarioInfo scenario;
        private RunStatus status = RunStatus.COMPLETED;
        private String statusReason;
        private Instant startedAt;
        private long durationMs;
        private GeneratorInfo generator;
        private List<PhaseSummary> phases = List.of();
        private Map<String, LoadSummary> load = Map.of();
        private TimeSeries timeSeries;
        private JobsSummary jobs;
        private List<GateResult> gates = List.of();
        private String runCookie;
        private List<ServiceReport> services = List.of();
        private Map<String, ProcessSummary> processes = Map.of();
        private SystemSummary system;
        private Map<String, QueueSummary> queues = Map.of();
        private Samples samples;
        private List<ChaosEvent> chaos = List.of();
        private List<OrphanReport> orphans = List.of();
        private LeakReport leaks;
        private ShardInfo shard;
        private List<ShardSummary> shards = List.of();
        private List<CheckSummary> checks = List.of();
        private ExternalRun external;
        private BreakingPoint breakingPoint;
        private ImportedRun imported;

        public Builder() {
        }

        private Builder(RunResults r) {
            runId = r.runId;
            scenario = r.scenario;
            status = r.status;
            statusReason = r.statusReason;
            startedAt = r.startedAt;
            durationMs = r.durationMs;
            generator = r.generator;
            phases = r.phases;
            load = r.load;
            timeSeries = r.timeSeries;
            jobs = r.jobs;
            gates = r.gates;
            runCookie = r.runCookie;
            services = r.services;
            processes = r.processes;
            system = r.system;
            queues = r.queues;
            samples = r.samples;
            chaos = r.chaos;
            orphans = r.orphans;
            leaks = r.leaks;
            shard = r.shard;
            shards = r.shards;
            checks = r.checks;
            external = r.external;
            breakingPoint = r.breakingPoint;
            imported = r.imported;
        }

        public Builder runId(String v) { runId = v; return this; }
        public Builder scenario(ScenarioInfo v) { scenario = v; return this; }
        public Builder status(RunStatus v, String reason) { status = v; statusReason = reason; return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder durationMs(long v) { durationMs = v; return this; }
        public Builder generator(GeneratorInfo v) { generator = v; return this; }
        public Builder phases(List<PhaseSummary> v) { phases = v; return this; }
        public Builder load(Map<String, LoadSummary> v) { load = v; return this; }
        public Builder timeSeries(TimeSeries v) { timeSeries = v; return this; }
        public Builder jobs(JobsSummary v) { jobs = v; return this; }
        public Builder gates(List<GateResult> v) { gates = v; return this; }
        public Builder runCookie(String v) { runCookie = v; return this; }
        public Builder services(List<ServiceReport> v) { services = v; return this; }
        public Builder processes(Map<String, ProcessSummary> v) { processes = v; return this; }
        public Builder system(SystemSummary v) { system = v; return this; }
        public Builder queues(Map<String, QueueSummary> v) { queues = v; return this; }
        public Builder samples(Samples v) { samples = v; return this; }
        public Builder chaos(List<ChaosEvent> v) { chaos = v; return this; }
        public Builder orphans(List<OrphanReport> v) { orphans = v; return this; }
        public Builder leaks(LeakReport v) { leaks = v; return this; }
        public Builder shard(ShardInfo v) { shard = v; return this; }
        public Builder shards(List<ShardSummary> v) { shards = v; return this; }
        public Builder checks(List<CheckSummary> v) { checks = v; return this; }
        public Builder external(ExternalRun v) { external = v; return this; }
        public Builder breakingPoint(BreakingPoint v) { breakingPoint = v; return this; }
        public Builder imported(ImportedRun v) { imported = v; return this; }

        public RunStatus status() {
            return status;
        }

        public RunResults build() {
            return new RunResults(SCHEMA, runId, scenario, status, statusReason, Verdict.of(status, gates, shard),
                    startedAt, durationMs, generator, phases, load, timeSeries, jobs, gates, runCookie, services,
                    processes, system, queues, samples, chaos, orphans, leaks, shard, shards, checks, external, breakingPoint,
                    imported);
        }
    }
}
