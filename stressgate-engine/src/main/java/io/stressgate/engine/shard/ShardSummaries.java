package io.stressgate.engine.shard;

import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ShardSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The per-shard lines of a merged run, including the shards that never wrote results. */
final class ShardSummaries {
    private ShardSummaries() {
    }

    static List<ShardSummary> of(ShardSet set) {
        List<ShardSummary> lines = new ArrayList<>();
        for (ShardSet.Shard s : set.shards()) {
            RunResults r = s.results();
            LoadSummary all = r.all();
            LatencyMs latency = all.latencyMs();
            lines.add(new ShardSummary(s.info().index(), r.runId(), r.status(), r.statusReason(), r.startedAt(),
                    s.info().startOffsetMs(), r.durationMs(), all.requests(), all.errors(), all.rps(),
                    latency == null ? null : latency.p99()));
        }
        for (int index : set.absentIndexes()) {
            lines.add(new ShardSummary(index, null, RunStatus.ERROR, "never wrote results", null, null, 0, 0, 0, 0, null));
        }
        lines.sort(Comparator.comparingInt(ShardSummary::index));
        return lines;
    }
}
