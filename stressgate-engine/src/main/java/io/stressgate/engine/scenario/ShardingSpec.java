package io.stressgate.engine.scenario;

import java.util.List;
import java.util.Set;

/**
 * What a scenario says about running sharded: the system-under-test parts that every shard runs for itself
 * ({@code sharding.perShard}); all other parts run on the primary shard only.
 */
public record ShardingSpec(Set<String> perShard) {
    /** The parts a scenario may mark per-shard, in the order the documentation lists them. */
    public static final List<String> PARTS = List.of("services", "processes", "sampling", "queues", "chaos", "orphans",
            "accounting");
    public static final ShardingSpec NONE = new ShardingSpec(Set.of());

    public ShardingSpec {
        perShard = Set.copyOf(perShard);
    }

    /** True when every shard runs {@code part}, false when only the primary does. */
    public boolean perShard(String part) {
        return perShard.contains(part);
    }
}
