package io.stressgate.engine.shard;

import io.stressgate.engine.scenario.AccountingSpec;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.OrphanSpec;
import io.stressgate.engine.scenario.SamplingSpec;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.ShardingSpec;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.util.List;

/**
 * Turns a scenario into one shard's share of it: every phase with its share of the virtual users, rates and
 * burst counts; the system-under-test parts only on the primary unless the scenario marks them per-shard; and no
 * gate that aborts the run, because one shard's figures cannot judge the whole.
 */
public final class ShardPlanner {
    private ShardPlanner() {
    }

    public static Scenario plan(Scenario scenario, ShardRole role) {
        List<LoadPhase> load = scenario.load().stream().map(p -> new LoadPhase(p.name(), share(p.executor(), role),
                p.flow(), p.startAfter(), p.think(), p.location())).toList();
        List<GateSpec> gates = scenario.gates().stream().map(g -> new GateSpec(g.expression(), g.severity(), false,
                g.delay(), g.location())).toList();
        return new Scenario(scenario.name(), scenario.description(), scenario.source(), scenario.target(),
                scenario.options(), load, gates, system(scenario.system(), scenario.sharding(), role),
                scenario.sharding(), role);
    }

    /** The executor with shard {@code role}'s share of its users, rates or count. */
    public static ExecutorSpec share(ExecutorSpec executor, ShardRole role) {
        int i = role.index();
        int n = role.count();
        if (executor instanceof ExecutorSpec.ConstantVus e) {
            return new ExecutorSpec.ConstantVus(Shares.of(e.vus(), i, n), e.duration());
        }
        if (executor instanceof ExecutorSpec.RampingVus e) {
            return new ExecutorSpec.RampingVus(Shares.of(e.startVus(), i, n), e.stages().stream()
                    .map(s -> new ExecutorSpec.VuStage(s.duration(), Shares.of(s.target(), i, n))).toList());
        }
        if (executor instanceof ExecutorSpec.ConstantArrivalRate e) {
            return new ExecutorSpec.ConstantArrivalRate(Shares.of(e.rate(), i, n), e.duration(),
                    Shares.cap(e.maxInFlight(), i, n));
        }
        if (executor instanceof ExecutorSpec.RampingArrivalRate e) {
            return new ExecutorSpec.RampingArrivalRate(Shares.of(e.startRate(), i, n), e.stages().stream()
                    .map(s -> new ExecutorSpec.RateStage(s.duration(), Shares.of(s.target(), i, n))).toList(),
                    Shares.cap(e.maxInFlight(), i, n));
        }
        if (executor instanceof ExecutorSpec.External) {
            throw new IllegalArgumentException("an external tool's phase cannot be sharded: the tool runs its own load"
                    + " (run it unsharded, or shard the tool itself)");
        }
        if (executor instanceof ExecutorSpec.SteppingArrivalRate) {
            throw new IllegalArgumentException("a stepping-arrival-rate phase looks for one system's breaking point from "
                    + "one generator; it cannot be shared out over shards");
        }
        ExecutorSpec.Burst e = (ExecutorSpec.Burst) executor;
        return new ExecutorSpec.Burst(Shares.of(e.count(), i, n), e.spread(), Shares.cap(e.maxInFlight(), i, n));
    }

    /** The parts this shard runs: all of them on the primary, else only those marked per-shard. */
    static SystemUnderTest system(SystemUnderTest s, ShardingSpec sharding, ShardRole role) {
        if (role.isPrimary()) {
            return s;
        }
        return new SystemUnderTest(
                sharding.perShard("services") ? s.services() : List.of(),
                sharding.perShard("processes") ? s.processes() : List.of(),
                sharding.perShard("sampling") ? s.sampling() : new SamplingSpec(s.sampling().interval(), false),
                sharding.perShard("queues") ? s.queues() : List.of(),
                sharding.perShard("chaos") ? s.chaos() : List.of(),
                sharding.perShard("orphans") ? s.orphans() : new OrphanSpec(false, s.orphans().grace(),
                        s.orphans().pattern(), false),
                sharding.perShard("accounting") ? s.accounting() : AccountingSpec.NONE);
    }
}
