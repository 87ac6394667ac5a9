package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.LoadSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadMergeTest {
    private static LoadSummary shard(long requests, long redirects) {
        return new LoadSummary(requests, 0, 0, 0, requests, 0, 0, null, Map.of("200", requests), Map.of(), 100 * requests,
                Histograms.encode(Histograms.forRequests()), redirects);
    }

    @Test
    void shouldAddTheShardsRedirectsAsItAddsTheirRequests() {
        LoadSummary merged = LoadMerge.merge(List.of(shard(10, 3), shard(20, 4)));

        assertThat(merged.requests()).isEqualTo(30);
        assertThat(merged.redirects()).isEqualTo(3 + 4);
    }
}
