package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Rate;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioException;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.scenario.Variables;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardPlannerTest {
    private static final String YAML = """
            name: sharded
            target: http://127.0.0.1:9
            sampling: {interval: 100ms, system: true}
            orphans: {grace: 1s}
            %s
            load:
              - {name: users, executor: constant-vus, vus: 10, duration: 5s, request: {path: "/u/{{vu}}"}}
              - {name: open, executor: constant-arrival-rate, rate: 1000/s, duration: 5s, maxInFlight: 100, request: {path: /o}}
              - {name: storm, executor: burst, count: 100, spread: 1s, maxInFlight: 50, request: {path: /b}}
            gates: [{expr: "http.p95 < 1s", abortOnFail: true}]
            """;

    private static Scenario load(String sharding) throws ScenarioException {
        return new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("s.yml", YAML.formatted(sharding), Path.of("."));
    }

    @Test
    void shouldGiveEachShardItsShareOfUsersRatesAndBursts() throws Exception {
        Scenario second = ShardPlanner.plan(load(""), new ShardRole(2, 3, "g", 1));

        assertThat(second.load().get(0).executor()).isEqualTo(new ExecutorSpec.ConstantVus(3, java.time.Duration.ofSeconds(5)));
        assertThat(((ExecutorSpec.ConstantArrivalRate) second.load().get(1).executor()).rate()).isEqualTo(new Rate(333));
        assertThat(((ExecutorSpec.Burst) second.load().get(2).executor()).count()).isEqualTo(33);
        assertThat(second.shard()).isEqualTo(new ShardRole(2, 3, "g", 1));
    }

    @Test
    void shouldRunTheSystemPartsOnThePrimaryOnlyUnlessMarkedPerShard() throws Exception {
        Scenario scenario = load("");
        Scenario primary = ShardPlanner.plan(scenario, new ShardRole(1, 3, "g", 1));
        Scenario other = ShardPlanner.plan(scenario, new ShardRole(3, 3, "g", 1));
        Scenario marked = ShardPlanner.plan(load("sharding: {perShard: [orphans, sampling]}"), new ShardRole(3, 3, "g", 1));

        assertThat(primary.system()).isEqualTo(scenario.system());
        assertThat(other.system().orphans().enabled()).isFalse();
        assertThat(other.system().sampling().system()).isFalse();
        assertThat(marked.system().orphans().enabled()).isTrue();
        assertThat(marked.system().sampling().system()).isTrue();
    }

    @Test
    void shouldLetNoShardAbortTheRunOnItsOwnFigures() throws Exception {
        Scenario shard = ShardPlanner.plan(load(""), new ShardRole(1, 2, "g", 1));

        assertThat(shard.gates()).extracting(GateSpec::abortOnFail).containsExactly(false);
    }

    @Test
    void shouldRefuseAnUnknownPerShardPartNamingTheKnownOnes() {
        assertThatThrownBy(() -> load("sharding: {perShard: [gates]}"))
                .hasMessageContaining("\"gates\" is not a part a shard can run for itself")
                .hasMessageContaining("services, processes, sampling");
    }
}
