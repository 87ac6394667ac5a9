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

        Map<String, LoadSummary> load = translator.load(r, null);
        TimeSeries series = translator.series(r, null);

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
    void shouldKeepOnlyHttpStatusesAndCountResponsesWithoutOneAsAnErrorKind() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, Path.of("src/test/resources/imports/jmeter/header.jtl"));

        LoadSummary home = translator.load(r, null).get("home");

        assertThat(home.status()).containsOnlyKeys("200");
        assertThat(home.errorKinds()).containsEntry("no_http_status", 1L).containsEntry("tool", 1L);
    }

    @Test
    void shouldCarryLatencyALocustCsvReportedInFullWithoutAHistogram() throws IOException {
        ImportedResults r = importer.read(ImportFormat.LOCUST, Path.of("src/test/resources/imports/locust/run"));

        LoadSummary all = translator.load(r, null).get("all");

        assertThat(all.requests()).isEqualTo(429);
        assertThat(all.histogram()).isNull();
        assertThat(all.latencyMs()).isNotNull();
        assertThat(all.latencyMs().p95()).isEqualTo(r.total().reported().stat("p95").orElseThrow());
        assertThat(all.samples()).isEqualTo(429);
    }

    @Test
    void shouldGiveNoLatencyForASummaryThatLacksAStatisticTheResultsCarry() throws IOException {
        ImportedResults r = importer.read(ImportFormat.K6, Path.of("src/test/resources/imports/k6/summary.json"));

        LoadSummary all = translator.load(r, null).get("all");

        assertThat(r.total().reported().stat("p99")).isEmpty();
        assertThat(all.latencyMs()).isNull();
        assertThat(all.samples()).isZero();
    }

    @Test
    void shouldPlaceTheSeriesOnTheAxisItIsGivenAndThroughputOverTheRunTimeWhenTheFileHasNone() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, Path.of("src/test/resources/imports/jmeter/header.jtl"));

        TimeSeries own = translator.series(r, null);
        TimeSeries shifted = translator.series(r, r.startedAt().minusSeconds(10));

        assertThat(shifted.all().get(0).t()).isEqualTo(own.all().get(0).t() + 10);
        ImportedResults noDuration = new ImportedResults(r.tool(), r.version(), r.file(), null, null, r.byName(), r.total(),
                null, null, null, r.lines(), true, null);
        assertThat(translator.load(noDuration, java.time.Duration.ofSeconds(4)).get("all").rps()).isEqualTo(2.0);
    }
}
