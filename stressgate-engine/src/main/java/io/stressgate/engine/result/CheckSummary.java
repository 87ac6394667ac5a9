package io.stressgate.engine.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one named check of one request name over a run: what it tested, whether a failure failed the
 * request, and how many responses passed and failed it. A check whose request never got a response has no outcome
 * (both counts 0), and a gate over it has nothing to judge.
 */
public record CheckSummary(String request, String name, String condition, boolean failRequest, long passes, long fails) {

    /** Responses the check was put to. */
    public long runs() {
        return passes + fails;
    }

    /**
     * The checks of several parts of one run (the shards of a sharded run) added up exactly: one entry per request
     * and check name, in the order they first appear, counts summed.
     */
    public static List<CheckSummary> merge(List<List<CheckSummary>> parts) {
        Map<List<String>, CheckSummary> merged = new LinkedHashMap<>();
        for (List<CheckSummary> part : parts) {
            for (CheckSummary c : part) {
                merged.merge(List.of(c.request(), c.name()), c, (a, b) -> new CheckSummary(a.request(), a.name(), a.condition(),
                        a.failRequest(), Math.addExact(a.passes(), b.passes()), Math.addExact(a.fails(), b.fails())));
            }
        }
        return new ArrayList<>(merged.values());
    }
}
