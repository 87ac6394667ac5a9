package io.stressgate.server.store;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One page of a run's endpoints (the first is 1), how many endpoints and pages the run has, and the page's entries as stored. */
public record EndpointPage(int page, int pageSize, int total, int pages, @JsonRawValue String endpoints) {
    static EndpointPage of(int page, int pageSize, int total, String endpoints) {
        return new EndpointPage(page, pageSize, total, Math.max(1, (total + pageSize - 1) / pageSize), endpoints);
    }
}
