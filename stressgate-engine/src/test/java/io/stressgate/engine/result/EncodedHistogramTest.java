package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Interval histograms kept as their bytes must write, read and decode exactly as their base64 strings did. */
class EncodedHistogramTest {

    private static Histogram drawn(Random random) {
        Histogram h = Histograms.forRequests();
        int values = 1 + random.nextInt(3_000);
        for (int i = 0; i < values; i++) {
            Histograms.record(h, (long) Math.pow(10, 1 + random.nextDouble() * 6));
        }
        return h;
    }

    @Test
    void shouldWriteIntoResultsTheVeryBase64TheStringEncodingGivesAndReadItBack() throws Exception {
        Random random = new Random(7);
        List<Histogram> drawn = new ArrayList<>();
        List<IntervalPoint> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Histogram h = drawn(random);
            drawn.add(h);
            points.add(new IntervalPoint(i + 1, h.getTotalCount(), 0, 0, h.getTotalCount(), null, null, null, null, 0,
                    Histograms.pack(h)));
        }
        Histogram total = Histograms.forRequests();
        drawn.forEach(total::add);
        LoadSummary all = new LoadSummary(total.getTotalCount(), 0, 0, 0, 1.0, 0, total.getTotalCount(),
                Histograms.latency(total), Map.of("200", total.getTotalCount()), Map.of(), 100, Histograms.encode(total));
        RunResults results = new RunResults.Builder().runId("r").scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                .startedAt(Instant.parse("2026-12-06T08:00:00Z")).durationMs(40_000).load(Map.of("all", all))
                .timeSeries(new TimeSeries(1000, points, Map.of())).build();

        String json = ResultsJson.toJson(results);
        JsonNode written = ResultsJson.writer().readTree(json).get("timeSeries").get("all");
        RunResults read = new ResultsReader().read(json.getBytes(StandardCharsets.UTF_8));

        for (int i = 0; i < drawn.size(); i++) {
            assertThat(written.get(i).get("histogram").asText()).as("point %d", i).isEqualTo(Histograms.encode(drawn.get(i)));
            assertThat(Histograms.decode(read.timeSeries().all().get(i).histogram())).as("point %d", i).isEqualTo(drawn.get(i));
        }
        assertThat(read.timeSeries()).isEqualTo(results.timeSeries());
    }

    @Test
    void shouldKeepTheBytesOfItsBase64AndGiveThemBackTheSame() {
        Histogram h = drawn(new Random(8));
        String base64 = Histograms.encode(h);

        EncodedHistogram encoded = EncodedHistogram.ofBase64(base64);

        assertThat(encoded.base64()).isEqualTo(base64).isEqualTo(encoded.toString());
        assertThat(encoded.toByteArray()).isEqualTo(java.util.Base64.getDecoder().decode(base64));
        assertThat(encoded).isEqualTo(Histograms.pack(h)).hasSameHashCodeAs(Histograms.pack(h));
        assertThat(encoded).isNotEqualTo(Histograms.pack(drawn(new Random(9))));
        assertThat(Histograms.decode(encoded)).isEqualTo(h);
    }

    @Test
    void shouldNotLetACopyOfItsBytesChangeIt() {
        EncodedHistogram encoded = Histograms.pack(drawn(new Random(10)));
        String before = encoded.base64();

        byte[] copy = encoded.toByteArray();
        java.util.Arrays.fill(copy, (byte) 0);

        assertThat(encoded.base64()).isEqualTo(before);
    }

    @Test
    void shouldFeedAnInflaterTheDeflatedCountsAfterTheCookieAndLength() throws Exception {
        Histogram h = drawn(new Random(12));
        Inflater inflater = new Inflater();
        try {
            assertThat(Histograms.pack(h).feed(inflater)).isTrue();
            byte[] header = new byte[40];
            assertThat(inflater.inflate(header)).isEqualTo(40);
            assertThat(java.nio.ByteBuffer.wrap(header).getLong(16)).isEqualTo(h.getLowestDiscernibleValue());
            assertThat(EncodedHistogram.ofBase64("AAAA").feed(inflater)).as("3 bytes hold no deflated part").isFalse();
        } finally {
            inflater.end();
        }
    }

    @Test
    void shouldRefuseTextThatIsNotBase64() {
        assertThatThrownBy(() -> EncodedHistogram.ofBase64("HIST%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
