package io.stressgate.engine.chaos;

import io.stressgate.engine.process.ProcessInfo;
import java.util.List;

/**
 * The processes a chaos action was aimed at when they were selected: the pids asked for by number (checked against
 * the pid rules even when no such process exists), the processes that matched with their start times, and what was
 * asked for, for messages.
 */
public record Selection(List<Long> requestedPids, List<ProcessInfo> matches, String description) {
    public Selection {
        requestedPids = List.copyOf(requestedPids);
        matches = List.copyOf(matches);
    }
}
