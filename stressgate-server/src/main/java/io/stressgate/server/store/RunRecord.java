package io.stressgate.server.store;

import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;

/** A stored run with its results document as it was accepted. */
public record RunRecord(RunSummary summary, String resultsJson) {
    /** The results, read back; they passed the strict reader when they were stored. */
    public RunResults results() {
        try {
            return ResultsJson.writer().readValue(resultsJson, RunResults.class);
        } catch (IOException e) {
            throw new StoreException("stored results of run " + summary.id() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
