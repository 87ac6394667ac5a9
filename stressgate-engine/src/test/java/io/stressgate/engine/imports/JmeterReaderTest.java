package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.result.Histograms;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JTL files in JMeter's documented CSV (with and without header) and XML formats. */
class JmeterReaderTest {
    private static final Path DIR = Path.of("src/test/resources/imports/jmeter");
    private final ResultImporter importer = new ResultImporter();

    @TempDir
    Path tmp;

    @Test
    void shouldRebuildCountsStatusesAndHistogramsFromACsvJtlWithHeader() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, DIR.resolve("header.jtl"));

        assertThat(r.tool()).isEqualTo("jmeter");
        assertThat(r.complete()).isTrue();
        assertThat(r.total().requests()).isEqualTo(8);
        assertThat(r.total().failures()).isEqualTo(2);
        assertThat(r.byName()).containsOnlyKeys("home", "search, by name");
        assertThat(r.byName().get("home").requests()).isEqualTo(5);
        assertThat(r.byName().get("search, by name").failures()).isEqualTo(1);
        assertThat(r.total().statuses()).containsEntry("200", 6L).containsEntry("500", 1L)
                .containsEntry("Non HTTP response code: java.net.SocketTimeoutException", 1L);
        assertThat(r.total().bytesReceived()).isEqualTo(558 * 4 + 1200 * 2 + 90);
        Histogram h = Histograms.decode(r.total().histogram());
        assertThat(h.getTotalCount()).isEqualTo(8);
        assertThat(h.getMaxValue()).isBetween(1_002_000L, 1_004_000L);
        assertThat(r.total().reported()).isNull();
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochMilli(1733400000100L));
        assertThat(r.duration()).isEqualTo(Duration.ofMillis(2840));
    }

    @Test
    void shouldSplitTheSamplesIntoAlignedIntervalsWithTheUsersRunning() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, DIR.resolve("header.jtl"));

        assertThat(r.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.intervals()).extracting(IntervalFigures::endMs).containsExactly(900L, 1900L, 2900L);
        assertThat(r.intervals()).extracting(IntervalFigures::requests).containsExactly(3L, 3L, 2L);
        assertThat(r.intervals()).extracting(IntervalFigures::failures).containsExactly(0L, 2L, 0L);
        assertThat(r.intervals()).extracting(IntervalFigures::users).containsExactly(2L, 3L, 3L);
        assertThat(r.intervalsByName().get("search, by name")).extracting(IntervalFigures::requests)
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void shouldReadACsvJtlWithoutHeaderInJmeterDefaultColumns() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, DIR.resolve("noheader.jtl"));

        assertThat(r.total().requests()).isEqualTo(8);
        assertThat(r.byName().get("home").failures()).isEqualTo(1);
    }

    @Test
    void shouldCountOnlyTopLevelSamplesOfAnXmlJtl() throws IOException {
        ImportedResults r = importer.read(ImportFormat.JMETER, DIR.resolve("samples.xml"));

        assertThat(r.complete()).isTrue();
        assertThat(r.byName()).containsOnlyKeys("home", "search & find", "enqueue");
        assertThat(r.total().requests()).isEqualTo(4);
        assertThat(r.total().failures()).isEqualTo(1);
        assertThat(r.total().statuses()).containsEntry("200", 3L).containsEntry("500", 1L);
        assertThat(r.intervals()).extracting(IntervalFigures::users).containsExactly(2L, 3L);
    }

    @Test
    void shouldNameTheLineOfARecordWithTooFewFieldsCountingQuotedLineEnds() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("header.jtl")));
        lines.add("1733400003000,12,home,200,OK");
        Path jtl = Files.write(tmp.resolve("short.jtl"), lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, jtl)).isInstanceOf(ImportException.class)
                .hasMessageContaining("short.jtl:11").hasMessageContaining("expected 17 fields as in the header, found 5");
    }

    @Test
    void shouldNameTheColumnOfABadValue() throws IOException {
        Path date = withLine("date.jtl", "2024/12/05 10:00:00,12,home,200,OK,t,text,true,,558,120,2,2,u,11,0,1");
        Path success = withLine("success.jtl", "1733400003000,12,home,200,OK,t,text,yes,,558,120,2,2,u,11,0,1");
        Path elapsed = withLine("elapsed.jtl", "1733400003000,-4,home,200,OK,t,text,true,,558,120,2,2,u,11,0,1");

        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, date)).hasMessageContaining(":11")
                .hasMessageContaining("'timeStamp': '2024/12/05 10:00:00' is not epoch milliseconds");
        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, success))
                .hasMessageContaining("'success': 'yes' is neither true nor false");
        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, elapsed))
                .hasMessageContaining("'elapsed': '-4' is not a whole number");
    }

    @Test
    void shouldMarkAJtlWhoseLastLineIsCutOffIncompleteWithoutCountingIt() throws IOException {
        String whole = Files.readString(DIR.resolve("header.jtl"));
        Path cut = Files.writeString(tmp.resolve("cut.jtl"), whole.substring(0, whole.length() - 20));

        ImportedResults r = importer.read(ImportFormat.JMETER, cut);

        assertThat(r.complete()).isFalse();
        assertThat(r.reason()).contains("line 10 is cut off");
        assertThat(r.total().requests()).isEqualTo(7);
    }

    @Test
    void shouldMarkAJtlThatGrowsWhileReadIncomplete() throws Exception {
        Path fifo = tmp.resolve("growing.jtl");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, Files.readString(DIR.resolve("header.jtl")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        ImportedResults r = new JtlCsvReader().read(fifo);
        writer.join(10_000);

        assertThat(r.complete()).isFalse();
        assertThat(r.reason()).contains("the file grew while it was read");
        assertThat(r.total().requests()).isEqualTo(8);
    }

    @Test
    void shouldRefuseEmptyBinaryAndUnknownLayoutFiles() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.jtl"), "");
        Path binary = Files.write(tmp.resolve("bin.jtl"), new byte[] {'1', '7', ',', 0, 5, (byte) 0x9c, '\n'});
        Path layout = Files.writeString(tmp.resolve("layout.jtl"), "1733400003000,12,home,200,OK,true\n");

        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, empty)).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, binary)).hasMessageContaining("bin.jtl:1")
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, layout)).hasMessageContaining("layout.jtl:1")
                .hasMessageContaining("none of JMeter's default layouts");
    }

    @Test
    void shouldImportATruncatedXmlJtlAsIncomplete() throws IOException {
        String whole = Files.readString(DIR.resolve("samples.xml"));
        Path cut = Files.writeString(tmp.resolve("cut.xml"), whole.substring(0, whole.indexOf("</testResults>")));

        ImportedResults r = importer.read(ImportFormat.JMETER, cut);

        assertThat(r.complete()).isFalse();
        assertThat(r.reason()).contains("before </testResults>");
        assertThat(r.total().requests()).isEqualTo(4);
    }

    @Test
    void shouldRefuseAnXmlJtlWithADoctypeWithoutFetchingItsEntities() throws IOException {
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        canary.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        canary.start();
        try {
            String url = "http://127.0.0.1:" + canary.getAddress().getPort() + "/canary.dtd";
            Path xml = Files.writeString(tmp.resolve("dtd.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE testResults SYSTEM \""
                    + url + "\" [<!ENTITY x SYSTEM \"" + url + "\">]>\n<testResults version=\"1.2\">\n"
                    + "<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"&x;\" rc=\"200\"/>\n</testResults>\n");

            assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, xml)).hasMessageContaining("dtd.xml:")
                    .hasMessageContaining("DOCTYPE");
            assertThat(calls).hasValue(0);
        } finally {
            canary.stop(0);
        }
    }

    @Test
    void shouldRefuseAnXmlFileThatIsNotAJtl() throws IOException {
        Path xml = Files.writeString(tmp.resolve("pom.xml"), "<project>\n<httpSample/>\n</project>\n");
        Path broken = Files.writeString(tmp.resolve("broken.xml"),
                "<testResults>\n<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"a\" rc=\"200\"/>\n<httpSample t=\"x\"\n</testResults>\n");

        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, xml)).hasMessageContaining("pom.xml:1")
                .hasMessageContaining("not <testResults>");
        assertThatThrownBy(() -> importer.read(ImportFormat.JMETER, broken)).hasMessageContaining("broken.xml:4");
    }

    private Path withLine(String name, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("header.jtl")));
        lines.add(line);
        return Files.write(tmp.resolve(name), lines, StandardCharsets.UTF_8);
    }
}
