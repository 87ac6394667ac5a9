package io.stressgate.server.store;

import io.stressgate.engine.result.RunResults;
import java.time.Instant;
import java.util.Map;

/**
 * A run to store: where it comes from (job, build, CI metadata), its identity for idempotency (job, build and
 * scenario; the hash of what was sent; the client's idempotency key), the results as accepted and their JSON, the
 * client's and the server's time of sending and receiving, who uploaded it, and the trend metrics read from it.
 */
public record NewRun(String job, long build, String branch, String commit, String ciUrl, String idempotencyKey,
                     String contentSha256, RunResults results, String resultsJson, Instant clientSentAt, Instant receivedAt,
                     String uploadedBy, Map<String, Double> metrics) {
    public NewRun {
        metrics = Map.copyOf(metrics);
    }

    public String scenario() {
        return results.scenario().name();
    }
}
