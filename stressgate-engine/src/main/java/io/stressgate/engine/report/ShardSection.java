package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ShardSummary;

/** The per-shard breakdown of a merged run: how each shard ended, when it started, and its own figures. */
final class ShardSection {
    private ShardSection() {
    }

    /** The section, or null for results that are not a merge of shards. */
    static Section of(RunResults r) {
        if (r.shards().isEmpty()) {
            return null;
        }
        TableBuilder table = new TableBuilder("Shard", "Status", "Started", "Start offset#", "Requests#", "Errors#",
                "Throughput#", "p99#", "Note");
        for (ShardSummary s : r.shards()) {
            table.row(new String[] {Integer.toString(s.index()), s.status().name(),
                    s.startedAt() == null ? null : Figures.instant(s.startedAt()),
                    s.startOffsetMs() == null ? null : Figures.offset(s.startOffsetMs()), Figures.count(s.requests()),
                    Figures.count(s.errors()), Figures.rate(s.rps()), s.p99Ms() == null ? null : Figures.ms(s.p99Ms()),
                    s.statusReason()});
        }
        return new Section("shards", "Shards (" + r.shards().size() + ", merged; the gates were decided once on the merge)",
                table.build());
    }
}
