package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ShardSummary;
import java.util.List;

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
        Block.Facts alignment = alignment(r);
        String title = "Shards (" + r.shards().size() + ", merged; the gates were decided once on the merge)";
        return alignment == null ? new Section("shards", title, table.build())
                : new Section("shards", title, alignment, table.build());
    }

    /** How close together the shards' loads began: the earliest and latest offset after the agreed start. */
    private static Block.Facts alignment(RunResults r) {
        List<Long> offsets = r.shards().stream().map(ShardSummary::startOffsetMs).filter(o -> o != null).toList();
        if (offsets.isEmpty()) {
            return null;
        }
        long min = offsets.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = offsets.stream().mapToLong(Long::longValue).max().orElseThrow();
        return new Block.Facts(List.of(
                new Block.Fact("Load start after the agreed instant", Figures.offset(min) + " to " + Figures.offset(max)
                        + " (" + offsets.size() + " of " + r.shards().size() + " shards)"),
                new Block.Fact("Spread between shards", Figures.ms(max - min))));
    }
}
