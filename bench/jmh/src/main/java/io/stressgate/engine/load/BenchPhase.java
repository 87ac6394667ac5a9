package io.stressgate.engine.load;

import io.stressgate.engine.scenario.RequestFlow;
import io.stressgate.engine.scenario.RequestSpec;
import java.util.List;
import java.util.Map;

/**
 * A phase that never runs, only so {{vu}} renders as in an unsharded run (the flow has no shard ids); {@code login}
 * is a request extracting the values the benchmarked requests use.
 */
final class BenchPhase extends PhaseRuntime {
    BenchPhase(RequestSpec login, Origin origin) {
        super(null, 0, new CompiledFlow(new RequestFlow(List.of(login)), n -> 0, Map.of(origin.uri.toString(), origin), null),
                0, 0, 0, 1, 0);
    }

    @Override
    void schedule(long now) {
        throw new UnsupportedOperationException("a benchmark phase is never scheduled");
    }

    @Override
    void onStop(long now) {
        throw new UnsupportedOperationException("a benchmark phase is never stopped");
    }

    @Override
    void afterIteration(Iteration it, boolean wasInterrupted, long now) {
        throw new UnsupportedOperationException("a benchmark phase runs no iteration");
    }
}
