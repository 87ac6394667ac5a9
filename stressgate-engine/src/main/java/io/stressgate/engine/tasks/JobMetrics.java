package io.stressgate.engine.tasks;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.scenario.MetricCatalog;
import io.stressgate.engine.scenario.MetricRef;
import java.util.Optional;

/**
 * The {@code jobs} metrics while the run goes, for chaos conditions and aborting gates. Counts are live; lost and
 * duplicated jobs are only known once the ledger has been settled after the drain sweep, and are missing before.
 * Latency statistics read the ledger's histogram in place, without copying it.
 */
public final class JobMetrics implements MetricSource {
    private final JobLedger ledger;

    public JobMetrics(JobLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public MetricValue value(MetricRef metric) {
        if (!"jobs".equals(metric.family())) {
            return MetricValue.missing("job accounting does not measure " + metric.family() + " metrics");
        }
        JobsSummary settled = ledger.settled();
        return switch (metric.stat()) {
            case "submitted" -> MetricValue.of(ledger.submittedCount());
            case "completed" -> MetricValue.of(settled != null ? settled.completed() : ledger.completedCount());
            case "failed" -> MetricValue.of(settled != null ? settled.failed() : ledger.failedCount());
            case "pending" -> MetricValue.of(settled != null ? settled.pending() : ledger.outstandingCount());
            case "timeouts" -> MetricValue.of(ledger.timeoutCount());
            case "unidentified" -> MetricValue.of(ledger.unidentifiedCount());
            case "lost" -> settled != null ? MetricValue.of(settled.lost())
                    : MetricValue.missing("lost jobs are known only after the drain sweep");
            case "duplicated" -> settled != null ? MetricValue.of(settled.duplicated())
                    : MetricValue.missing("duplicated jobs are known only after the drain sweep");
            default -> latency(metric.stat());
        };
    }

    private MetricValue latency(String stat) {
        Optional<Double> percentile = MetricCatalog.percentile(stat);
        return ledger.withHistogram(h -> {
            if (h.getTotalCount() == 0) {
                return MetricValue.missing("no job has completed yet");
            }
            return switch (stat) {
                case "min" -> MetricValue.of(Histograms.round(h.getMinValue() / 1000.0));
                case "max" -> MetricValue.of(Histograms.round(h.getMaxValue() / 1000.0));
                case "mean" -> MetricValue.of(Histograms.round(h.getMean() / 1000.0));
                default -> percentile.map(p -> MetricValue.of(Histograms.percentileMs(h, p)))
                        .orElseGet(() -> MetricValue.missing("unknown jobs statistic " + stat));
            };
        });
    }
}
