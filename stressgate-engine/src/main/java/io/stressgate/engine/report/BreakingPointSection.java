package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.BreakingStep;
import io.stressgate.engine.result.RunResults;
import java.util.ArrayList;
import java.util.List;

/** The breaking-point search of a run: the last rate that held, where and why it broke, and every step's figures. */
final class BreakingPointSection {
    private BreakingPointSection() {
    }

    /** The section, or null when no stepping-arrival-rate phase ran. */
    static Section of(RunResults r) {
        BreakingPoint b = r.breakingPoint();
        if (b == null) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        if (b.outcome() == BreakingPoint.Outcome.CUT_SHORT) {
            blocks.add(new Callout(true, "Search cut short", b.reason()));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Phase", b.phase()));
        facts.add(new Fact("Breaking point", breakingPoint(b)));
        facts.add(new Fact("Broke at", b.brokeAt() == null ? Figures.NONE : Figures.rate(b.brokeAt())));
        facts.add(new Fact("Reason", b.reason()));
        facts.add(new Fact("Steps", b.steps().size() + " of " + Figures.ms((double) b.stepMs()) + " each, up to max "
                + Figures.rate(b.max())));
        blocks.add(new Facts(facts));
        boolean queues = b.steps().stream().anyMatch(s -> s.queueMax() != null);
        TableBuilder table = queues
                ? new TableBuilder("Rate#", "Responses#", "p95#", "Error rate#", "Dropped#", "Queue max#", "Held")
                : new TableBuilder("Rate#", "Responses#", "p95#", "Error rate#", "Dropped#", "Held");
        for (BreakingStep s : b.steps()) {
            List<String> cells = new ArrayList<>(List.of(Figures.rate(s.rate()), Figures.count(s.requests()),
                    s.p95Ms() == null ? Figures.NONE : Figures.ms(s.p95Ms()),
                    s.errorRate() == null ? Figures.NONE : Figures.fraction(s.errorRate()), Figures.count(s.dropped())));
            if (queues) {
                cells.add(s.queueMax() == null ? Figures.NONE : Figures.count(s.queueMax()));
            }
            cells.add(s.held() ? "held" : "broke");
            table.row(cells.toArray(String[]::new));
        }
        if (!b.steps().isEmpty()) {
            blocks.add(table.build());
        }
        return new Section("breaking-point", "Breaking point", blocks);
    }

    private static String breakingPoint(BreakingPoint b) {
        return switch (b.outcome()) {
            case BROKE -> b.rate() == null ? "below " + Figures.rate(b.brokeAt()) + " (the first step broke)"
                    : Figures.rate(b.rate());
            case HELD_TO_MAX -> "at least " + Figures.rate(b.rate()) + " (did not break up to max " + Figures.rate(b.max()) + ")";
            case CUT_SHORT -> b.rate() == null ? "unknown" : "unknown: at least " + Figures.rate(b.rate()) + " held";
        };
    }
}
