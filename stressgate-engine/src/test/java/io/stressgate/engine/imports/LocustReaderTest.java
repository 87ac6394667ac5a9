package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by a real Locust 2.12 run (2 users, 13 s, --csv-full-history) against a loopback HTTP server. */
class LocustReaderTest {
    private static final Path DIR = Path.of("src/test/resources/imports/locust");
    private final ResultImporter importer = new ResultImporter();

    @TempDir
    Path tmp;

    @Test
    void shouldReadLocustTotalsPerNameAndAggregatedWithTheReportedPercentiles() throws IOException {
        ImportedResults r = importer.read(ImportFormat.LOCUST, DIR.resolve("run"));

        assertThat(r.tool()).isEqualTo("locust");
        assertThat(r.byName()).containsOnlyKeys("home", "missing, with comma");
        assertThat(r.byName().get("home").requests()).isEqualTo(194);
        assertThat(r.byName().get("missing, with comma").failures()).isEqualTo(235);
        assertThat(r.total().requests()).isEqualTo(429);
        assertThat(r.total().failures()).isEqualTo(235);
        assertThat(r.total().histogram()).isNull();
        assertThat(r.total().reported().stat("p99")).contains(29.0);
        assertThat(r.total().reported().stat("p999")).contains(170.0);
        assertThat(r.total().reported().stat("max")).contains(165.6416759997228);
        assertThat(r.total().reported().stat("p97")).isEmpty();
        assertThat(r.total().reported().notGiven("p97")).isEqualTo("p97 not given by locust stats");
    }

    @Test
    void shouldMarkALocustImportIncompleteBecauseItsCsvIsNotWrittenAtExit() throws IOException {
        ImportedResults r = importer.read(ImportFormat.LOCUST, DIR.resolve("run_stats.csv"));

        assertThat(r.complete()).isFalse();
        assertThat(r.reason()).contains("once a second and not again at exit");
    }

    @Test
    void shouldBuildTheIntervalSeriesFromTheHistoryTotals() throws IOException {
        ImportedResults r = importer.read(ImportFormat.LOCUST, DIR.resolve("run"));

        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochSecond(1796479458L));
        assertThat(r.intervals()).hasSize(11);
        assertThat(r.intervals().stream().mapToLong(IntervalFigures::requests).sum()).isEqualTo(355);
        assertThat(r.intervals().get(r.intervals().size() - 1).users()).isEqualTo(2L);
        assertThat(r.intervalsByName()).containsOnlyKeys("home", "missing, with comma");
        assertThat(r.intervalsByName().get("home").stream().mapToLong(IntervalFigures::requests).sum()).isEqualTo(155);
    }

    @Test
    void shouldNameTheFileAndLineOfARowWithAFieldMissing() throws IOException {
        Path stats = copyWith(2, "GET,home,194,0,3,5.1,1.5,162.7,558.0,16.1,0.0,3,4,4,5,6,13,29,33,160,160");

        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, stats))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("run_stats.csv:2")
                .hasMessageContaining("expected 22 fields as in the header, found 21");
    }

    @Test
    void shouldNameTheColumnOfACountThatIsNotANumber() throws IOException {
        Path stats = copyWith(3, "GET,\"missing, with comma\",lots,235,3,4.5,1.6,165.6,335.0,19.6,19.6,3,3,4,5,6,8,15,24,170,170,170");

        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, stats))
                .hasMessageContaining("run_stats.csv:3").hasMessageContaining("'Request Count': 'lots'");
    }

    @Test
    void shouldRefuseAnEmptyFileABinaryFileAndACutOffLine() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty_stats.csv"), "");
        Path binary = Files.write(tmp.resolve("bin_stats.csv"), new byte[] {'T', 'y', 0, (byte) 0xff, 1, 2});
        String whole = Files.readString(DIR.resolve("run_stats.csv"));
        Path cut = Files.writeString(tmp.resolve("cut_stats.csv"), whole.substring(0, whole.length() - 30));

        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, empty)).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, binary)).hasMessageContaining("bin_stats.csv:1")
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, cut)).hasMessageContaining("cut_stats.csv:4")
                .hasMessageContaining("cut off");
    }

    @Test
    void shouldRefuseAStatsFileWithoutTheAggregatedRow() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("run_stats.csv"));
        Path stats = Files.write(tmp.resolve("x_stats.csv"), lines.subList(0, 3), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.read(ImportFormat.LOCUST, stats)).hasMessageContaining("no 'Aggregated' row");
    }

    @Test
    void shouldParseFormatNamesInLowerCaseOnly() {
        assertThat(ImportFormat.parse("k6")).isEqualTo(ImportFormat.K6);
        assertThatThrownBy(() -> ImportFormat.parse("LOCUST")).hasMessageContaining("locust, jmeter, gatling, k6");
    }

    private Path copyWith(int lineNumber, String replacement) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(DIR.resolve("run_stats.csv")));
        lines.set(lineNumber - 1, replacement);
        return Files.write(tmp.resolve("run_stats.csv"), lines, StandardCharsets.UTF_8);
    }
}
