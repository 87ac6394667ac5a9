package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.MetricRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportedMetricsTest {
    private final ResultImporter importer = new ResultImporter();

    @Test
    void shouldGiveTheReportedP95AndBreakOnTheP99AK6SummaryDidNotGive() throws IOException {
        ImportedMetrics metrics = metrics(importer.read(ImportFormat.K6, Path.of("src/test/resources/imports/k6/summary.json")));

        assertThat(metrics.value(new MetricRef("http", Map.of(), "p95"))).isEqualTo(MetricValue.of(77.5));
        assertThat(metrics.value(new MetricRef("http", Map.of(), "p99")))
                .isEqualTo(MetricValue.missing("p99 not given by k6 summary-export"));
        assertThat(metrics.value(new MetricRef("http", Map.of(), "requests"))).isEqualTo(MetricValue.of(1200));
        assertThat(metrics.value(new MetricRef("http", Map.of(), "bytes_decoded")))
                .isEqualTo(MetricValue.missing("bytes_decoded not given by k6: an imported file has no decoded sizes"));
        assertThat(metrics.value(new MetricRef("http", Map.of(), "redirects")))
                .isEqualTo(MetricValue.missing("redirects not given by k6: an imported file has no redirect counts"));
    }

    @Test
    void shouldReadPercentilesOfARebuiltJtlFromItsHistogram() throws IOException {
        ImportedMetrics metrics = metrics(importer.read(ImportFormat.JMETER,
                Path.of("src/test/resources/imports/jmeter/header.jtl")));

        MetricValue p99 = metrics.value(new MetricRef("http", Map.of("name", "home"), "p97"));

        assertThat(p99).isInstanceOf(MetricValue.Present.class);
        assertThat(((MetricValue.Present) p99).value()).isBetween(1002.0, 1004.0);
    }

    private static ImportedMetrics metrics(ImportedResults r) {
        LoadTranslator t = new LoadTranslator();
        RunResults results = new RunResults.Builder().load(t.load(r, null)).timeSeries(t.series(r, null)).build();
        return new ImportedMetrics(r, new ResultsMetrics(results));
    }
}
