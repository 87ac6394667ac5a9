package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k6 cannot be installed here: files written by hand in k6's documented --out json and --summary-export formats. */
class K6ReaderTest {
    private static final Path DIR = Path.of("src/test/resources/imports/k6");
    private final ResultImporter importer = new ResultImporter();

    @TempDir
    Path tmp;

    @Test
    void shouldRebuildRequestsFromHttpReqDurationPoints() throws IOException {
        ImportedResults r = importer.read(ImportFormat.K6, DIR.resolve("points.json"));

        assertThat(r.tool()).isEqualTo("k6");
        assertThat(r.complete()).isTrue();
        assertThat(r.byName()).containsOnlyKeys("home", "search", "enqueue");
        assertThat(r.total().requests()).isEqualTo(4);
        assertThat(r.total().failures()).isEqualTo(2);
        assertThat(r.total().statuses()).containsEntry("200", 2L).containsEntry("500", 1L).containsEntry("404", 1L);
        assertThat(r.startedAt()).isEqualTo(Instant.parse("2024-12-05T09:00:00.100Z"));
    }

    @Test
    void shouldMapASummaryExportAndMarkP99NotGiven() throws IOException {
        ImportedResults r = importer.read(ImportFormat.K6, DIR.resolve("summary.json"));

        assertThat(r.total().requests()).isEqualTo(1200);
        assertThat(r.total().failures()).isEqualTo(12);
        assertThat(r.total().histogram()).isNull();
        assertThat(r.total().reported().stat("p95")).contains(77.5);
        assertThat(r.total().reported().stat("p50")).contains(15.0);
        assertThat(r.total().reported().stat("p99")).isEmpty();
        assertThat(r.total().reported().notGiven("p99")).isEqualTo("p99 not given by k6 summary-export");
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldNameTheLineOfABrokenPoint() throws IOException {
        String points = Files.readString(DIR.resolve("points.json"));
        Path bad = Files.writeString(tmp.resolve("bad.json"), points.replace("\"value\":30.25", "\"value\":30.25,,"));

        assertThatThrownBy(() -> importer.read(ImportFormat.K6, bad)).isInstanceOf(ImportException.class)
                .hasMessageContaining("bad.json:4").hasMessageContaining("not JSON");
    }
}
