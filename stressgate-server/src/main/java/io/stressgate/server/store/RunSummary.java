package io.stressgate.server.store;

import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored run without its results document: identity, CI metadata, status and own verdict, the agent's start
 * time, the client's send time and the server's receive time with the clock skew between them, and its trend
 * metrics (absent keys were not measured).
 */
public record RunSummary(String id, String job, long build, String scenario, String branch, String commit, String ciUrl,
                         RunStatus status, Verdict verdict, Instant startedAt, long durationMs, Instant clientSentAt,
                         Instant receivedAt, Long clockSkewMs, Map<String, Double> metrics) {
    /** Skew beyond which the client's clock is flagged as wrong. */
    public static final long SKEW_FLAG_MS = 5 * 60_000;

    public RunSummary {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Whether the client's clock was off by more than {@link #SKEW_FLAG_MS} when it sent the run. */
    public boolean clockSkewed() {
        return clockSkewMs != null && Math.abs(clockSkewMs) > SKEW_FLAG_MS;
    }
}
