package io.stressgate.engine.result;

import java.util.List;

/** Peaks of a watched process group (a service or a selector) over the run. */
public record ProcessSummary(List<Long> pids, long rssMaxBytes, double cpuMaxPercent, long threadsMax, long fdsMax,
                             long childrenMax, long countMax) {
    public ProcessSummary {
        pids = List.copyOf(pids);
    }
}
