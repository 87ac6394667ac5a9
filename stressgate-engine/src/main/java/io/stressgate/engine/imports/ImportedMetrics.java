package io.stressgate.engine.imports;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.MetricCatalog;
import io.stressgate.engine.scenario.MetricRef;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of an imported run for gates: HTTP latency statistics of a source that kept only summaries come from
 * what the tool reported, and one it did not report is missing with that reason ("p99 not given by locust stats"),
 * so its gate breaks instead of guessing; everything else comes from the results as for any run.
 */
public final class ImportedMetrics implements MetricSource {
    private static final Set<String> MOMENTS = Set.of("min", "max", "mean");
    /** HTTP statistics no tool's result file records, so an imported run's 0 would be a guess: what each lacks. */
    private static final Map<String, String> NOT_IN_FILES = Map.of("bytes_decoded", "decoded sizes",
            "redirects", "redirect counts");
    private final ImportedResults imported;
    private final MetricSource results;

    public ImportedMetrics(ImportedResults imported, MetricSource results) {
        this.imported = imported;
        this.results = results;
    }

    @Override
    public MetricValue value(MetricRef metric) {
        String stat = metric.stat();
        boolean latency = MOMENTS.contains(stat) || MetricCatalog.percentile(stat).isPresent();
        if (metric.family().equals("http") && NOT_IN_FILES.containsKey(stat)) {
            return MetricValue.missing(stat + " not given by " + imported.tool() + ": an imported file has no "
                    + NOT_IN_FILES.get(stat));
        }
        if (!metric.family().equals("http") || !latency) {
            return results.value(metric);
        }
        String name = metric.label("name");
        RequestFigures f = name == null || name.equals(RunResults.ALL) ? imported.total() : imported.byName().get(name);
        if (f == null || f.histogram() != null || f.requests() == 0) {
            return results.value(metric);
        }
        if (f.reported() == null) {
            return MetricValue.missing(stat + " not given by " + imported.tool() + ": the file holds no latency");
        }
        return f.reported().stat(stat).map(MetricValue::of).orElse(MetricValue.missing(f.reported().notGiven(stat)));
    }
}
