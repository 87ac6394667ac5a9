package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.result.Histograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulation.log files in Gatling 3.x's documented tab-separated text format. */
class GatlingReaderTest {
    private static final Path DIR = Path.of("src/test/resources/imports/gatling");
    private final ResultImporter importer = new ResultImporter();

    @TempDir
    Path tmp;

    @Test
    void shouldReadRequestsWithTheGatlingVersionFromTheRunDirectory() throws IOException {
        ImportedResults r = importer.read(ImportFormat.GATLING, DIR);

        assertThat(r.tool()).isEqualTo("gatling");
        assertThat(r.version()).isEqualTo("3.9.5");
        assertThat(r.complete()).isTrue();
        assertThat(r.byName()).containsOnlyKeys("home", "search", "checkout/pay");
        assertThat(r.total().requests()).isEqualTo(4);
        assertThat(r.total().failures()).isEqualTo(1);
        assertThat(Histograms.decode(r.byName().get("checkout/pay").histogram()).getMaxValue()).isCloseTo(250_000L, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochMilli(1733400000100L));
    }

    @Test
    void shouldRefuseTheBinaryLogThatGatling313AndLaterWrite() {
        Path binary = Path.of("src/test/resources/imports/gatling/binary-3.13.5.log"); // written by a real Gatling 3.13.5 run

        assertThatThrownBy(() -> importer.read(ImportFormat.GATLING, binary)).isInstanceOf(ImportException.class)
                .hasMessageContaining("binary-3.13.5.log:1").hasMessageContaining("Gatling 3.13 and later write a binary");
    }

    @Test
    void shouldNameTheLineOfAMalformedRequestAndMarkACutOffLogIncomplete() throws IOException {
        String log = Files.readString(DIR.resolve("simulation.log"));
        Path bad = Files.writeString(tmp.resolve("bad.log"), log.replace("1733400000230\tOK", "soon\tOK"));
        Path cut = Files.writeString(tmp.resolve("cut.log"), log.substring(0, log.indexOf("USER\tUsers\tEND") + 8));

        assertThatThrownBy(() -> importer.read(ImportFormat.GATLING, bad)).hasMessageContaining("bad.log:4")
                .hasMessageContaining("the end time 'soon' is not epoch milliseconds");
        ImportedResults r = importer.read(ImportFormat.GATLING, cut);
        assertThat(r.complete()).isFalse();
        assertThat(r.reason()).contains("line 7 is cut off");
        assertThat(r.total().requests()).isEqualTo(4);
    }
}
