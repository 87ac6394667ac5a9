package io.stressgate.engine.chaos;

import io.stressgate.engine.process.Signal;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One chaos action ready to execute, whether it came from a scenario or the command line. {@code choice} says which
 * of the matching processes a kill or pause hits; {@code service} names the service whose replicas are targeted
 * (for {@code restartService}); {@code duration} is the pause or outage length (null: a stop is restored only when
 * chaos stops).
 */
public record ChaosOrder(String name, ChaosSpec.Action action, Signal signal, ChaosSpec.Scope scope, int count, int max,
                         TargetChoice choice, Duration duration, List<String> command, List<String> restore,
                         ChaosSpec.Recovery recovery, String service, boolean restartService, boolean allowOtherUsers,
                         boolean dryRun) {
    public ChaosOrder {
        Objects.requireNonNull(choice, "choice");
        command = List.copyOf(command);
        restore = List.copyOf(restore);
    }

    /** An order that hits the first matches, as every order did before there was a choice. */
    public ChaosOrder(String name, ChaosSpec.Action action, Signal signal, ChaosSpec.Scope scope, int count, int max,
                      Duration duration, List<String> command, List<String> restore, ChaosSpec.Recovery recovery,
                      String service, boolean restartService, boolean allowOtherUsers, boolean dryRun) {
        this(name, action, signal, scope, count, max, TargetChoice.DEFAULT, duration, command, restore, recovery, service,
                restartService, allowOtherUsers, dryRun);
    }

    /** The order a scenario's action gives; {@code service} is set when its target is a service. */
    public static ChaosOrder of(ChaosSpec spec, String service, boolean dryRun) {
        Signal signal = spec.action() == ChaosSpec.Action.PAUSE ? Signal.STOP : Signal.parse(spec.signal());
        return new ChaosOrder(spec.name(), spec.action(), signal, spec.scope(), spec.count(), spec.max(), spec.choice(),
                spec.duration(), spec.command(), spec.restore(), spec.recover(), service, spec.restartService(),
                spec.allowOtherUsers(), dryRun);
    }
}
