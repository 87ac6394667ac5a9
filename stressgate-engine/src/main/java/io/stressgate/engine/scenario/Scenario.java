package io.stressgate.engine.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A load test as written in a scenario file, validated and ready to run: where to send load, the load phases,
 * the system under test and how to watch and hurt it, and the gates that decide the verdict. {@code shard} is null
 * unless this process runs one shard's share of it.
 */
public record Scenario(
        String name,
        String description,
        ScenarioSource source,
        URI target,
        RunOptions options,
        List<LoadPhase> load,
        List<GateSpec> gates,
        SystemUnderTest system,
        ShardingSpec sharding,
        ShardRole shard) {

    /** A scenario that says nothing about sharding, run unsharded. */
    public Scenario(String name, String description, ScenarioSource source, URI target, RunOptions options,
                    List<LoadPhase> load, List<GateSpec> gates, SystemUnderTest system) {
        this(name, description, source, target, options, load, gates, system, ShardingSpec.NONE, null);
    }

    public Scenario {
        sharding = sharding == null ? ShardingSpec.NONE : sharding;
        load = List.copyOf(load);
        gates = List.copyOf(gates);
    }

    /** Every request name the scenario can produce, in the order written. */
    public Set<String> requestNames() {
        Set<String> names = new LinkedHashSet<>();
        for (LoadPhase phase : load) {
            names.addAll(phase.flow().requestNames());
        }
        return names;
    }

    /** True when at least one phase runs an asynchronous job chain. */
    public boolean hasJobs() {
        return load.stream().anyMatch(p -> p.flow() instanceof JobChain);
    }

    public Optional<LoadPhase> phase(String name) {
        return load.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The longest the load can last when every phase runs its schedule, ignoring graceful stops. */
    public Duration scheduledDuration() {
        return new PhasePlan(load).totalDuration();
    }
}
