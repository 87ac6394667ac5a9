package io.stressgate.engine.chaos;

import io.stressgate.engine.process.Signal;
import io.stressgate.engine.scenario.ChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * One chaos action ready to execute, whether it came from a scenario or the command line. {@code service} names the
 * service whose replicas are targeted (for {@code restartService}); {@code duration} is the pause or outage length
 * (null: a stop is restored only when chaos stops).
 */
public record ChaosOrder(String name, ChaosSpec.Action action, Signal signal, ChaosSpec.Scope scope, int count, int max,
                         Duration duration, List<String> command, List<String> restore, ChaosSpec.Recovery recovery,
                         String service, boolean restartService, boolean allowOtherUsers, boolean dryRun) {
    public ChaosOrder {
        command = List.copyOf(command);
        restore = List.copyOf(restore);
    }

    /** The order a scenario's action gives; {@code service} is set when its target is a service. */
    public static ChaosOrder of(ChaosSpec spec, String service, boolean dryRun) {
        Signal signal = spec.action() == ChaosSpec.Action.PAUSE ? Signal.STOP : Signal.parse(spec.signal());
        return new ChaosOrder(spec.name(), spec.action(), signal, spec.scope(), spec.count(), spec.max(), spec.duration(),
                spec.command(), spec.restore(), spec.recover(), service, spec.restartService(), spec.allowOtherUsers(), dryRun);
    }
}
