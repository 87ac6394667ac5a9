package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each phase starts and ends if every phase runs exactly its schedule: the nominal timeline used for
 * validation, progress and the total duration. At run time a phase that waits for another starts when that
 * one has really finished.
 */
public final class PhasePlan {
    private final Map<String, Duration> starts = new HashMap<>();
    private final Map<String, Duration> ends = new HashMap<>();
    private Duration total = Duration.ZERO;

    /** Plans the phases; {@code startAfter} references must name earlier or later phases without a cycle. */
    public PhasePlan(List<LoadPhase> phases) {
        Map<String, LoadPhase> byName = new HashMap<>();
        phases.forEach(p -> byName.put(p.name(), p));
        for (LoadPhase phase : phases) {
            resolve(phase, byName, 0);
        }
    }

    private Duration resolve(LoadPhase phase, Map<String, LoadPhase> byName, int depth) {
        Duration known = ends.get(phase.name());
        if (known != null) {
            return known;
        }
        if (depth > byName.size()) {
            throw new IllegalArgumentException("phase \"" + phase.name() + "\" waits for itself through startAfter");
        }
        StartAfter after = phase.startAfter();
        Duration start = after.delay();
        if (after.phase() != null) {
            LoadPhase before = byName.get(after.phase());
            if (before == null) {
                throw new IllegalArgumentException("phase \"" + phase.name() + "\" starts after \"" + after.phase() + "\", which does not exist");
            }
            start = start.plus(resolve(before, byName, depth + 1));
        }
        Duration end = start.plus(phase.executor().duration());
        starts.put(phase.name(), start);
        ends.put(phase.name(), end);
        if (end.compareTo(total) > 0) {
            total = end;
        }
        return end;
    }

    public Duration start(String phase) {
        return starts.get(phase);
    }

    public Duration end(String phase) {
        return ends.get(phase);
    }

    public Duration totalDuration() {
        return total;
    }
}
