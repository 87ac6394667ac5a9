package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckSummaryTest {
    @Test
    void shouldAddTheShardsChecksExactlyByRequestAndName() {
        List<CheckSummary> first = List.of(new CheckSummary("create", "has-id", "json /id exists", true, 90, 10),
                new CheckSummary("poll", "queued", "json /status equals \"queued\"", false, 0, 0));
        List<CheckSummary> second = List.of(new CheckSummary("poll", "queued", "json /status equals \"queued\"", false, 5, 1),
                new CheckSummary("create", "has-id", "json /id exists", true, 100, 0),
                new CheckSummary("create", "request-id", "header X-Request-ID exists", false, 7, 0));

        assertThat(CheckSummary.merge(List.of(first, second))).containsExactly(
                new CheckSummary("create", "has-id", "json /id exists", true, 190, 10),
                new CheckSummary("poll", "queued", "json /status equals \"queued\"", false, 5, 1),
                new CheckSummary("create", "request-id", "header X-Request-ID exists", false, 7, 0));
        assertThat(CheckSummary.merge(List.of())).isEmpty();
    }
}
