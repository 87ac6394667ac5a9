package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTranslatorTest {
    private final ResultImporter importer = new ResultImporter();
    private final LoadTranslator translator = new LoadTranslator();

    @Test
    void shouldTurnARebuiltJtlIntoLoadSummariesWithLatencyAndASeries() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, Path.of("src/test/resources/imports/jmeter/header.jtl"));

        Map<String, LoadSummary> load = translator.load(r);
        TimeSeries series = translator.series(r);

        assertThat(load).containsOnlyKeys("all", "home", "search, by name");
        assertThat(load.get("all").requests()).isEqualTo(8);
        assertThat(load.get("all").errorRate()).isEqualTo(0.25);
        assertThat(load.get("all").latencyMs().max()).isBetween(1002.0, 1004.0);
        assertThat(load.get("home").status()).containsEntry("200", 4L);
        assertThat(series.all()).extracting(p -> p.requests()).containsExactly(3L, 3L, 2L);
        assertThat(series.all().get(0).histogram()).isNotNull();
        assertThat(series.byName().get("home").get(0).histogram()).isNull();
    }

    @Test
    void shouldGiveNoLatencyForASourceThatOnlyReportedPercentiles() throws IOException {
        ImportedResults r = importer.read(ImportFormat.LOCUST, Path.of("src/test/resources/imports/locust/run"));

        LoadSummary all = translator.load(r).get("all");

        assertThat(all.requests()).isEqualTo(429);
        assertThat(all.latencyMs()).isNull();
        assertThat(all.histogram()).isNull();
    }
}
