package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The time series is bound without a tree; these pin that it is read back whole and refused as strictly as before. */
class TimeSeriesReaderTest {
    private static final ResultsReader READER = new ResultsReader(new ResultsReader.Limits(256 * 1024, 24, 32 * 1024, 1000));

    private static RunResults withSeries() {
        Histogram h = Histograms.forRequests();
        h.recordValueWithCount(1_500, 10);
        LatencyMs l = new LatencyMs(1, 2, 3, 4, 5, 6, 0.5, 2, 1);
        LoadSummary all = new LoadSummary(20, 0, 0, 0, 10.0, 0, 20, l, Map.of("200", 20L), Map.of(), 100, Histograms.encode(h));
        List<IntervalPoint> points = List.of(
                new IntervalPoint(1.0, 10, 0, 0, 10.0, 1.5, 1.5, 1.5, 1.5, 2, Histograms.pack(h)),
                new IntervalPoint(2.004, 10, 1, 3, 9.5, null, null, null, null, 0, null));
        List<IntervalPoint> named = List.of(new IntervalPoint(1.0, 7, 0, 0, 7.0, 1.2, 1.4, 1.5, 1.5, 1, null));
        return new RunResults.Builder().runId("r1").scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                .startedAt(Instant.parse("2026-11-23T08:00:00Z")).durationMs(2000).load(Map.of("all", all))
                .timeSeries(new TimeSeries(1000, points, Map.of("hit / ~x", named))).build();
    }

    private static ResultsException rejection(Consumer<ObjectNode> change) {
        ObjectNode tree = ResultsJson.writer().valueToTree(withSeries());
        change.accept(tree);
        return catchThrowableOfType(ResultsException.class,
                () -> READER.read(tree.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode point(ObjectNode tree, int index) {
        return (ObjectNode) tree.get("timeSeries").get("all").get(index);
    }

    @Test
    void shouldReadTheSeriesBackExactlyAsWrittenWithItsHistogramsAndNames() throws Exception {
        RunResults written = withSeries();

        RunResults read = READER.read(ResultsJson.toJson(written).getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(written);
        assertThat(read.timeSeries().byName()).containsOnlyKeys("hit / ~x");
    }

    @Test
    void shouldReadResultsWithoutASeries() throws Exception {
        ObjectNode tree = ResultsJson.writer().valueToTree(withSeries());
        tree.putNull("timeSeries");

        assertThat(READER.read(tree.toString().getBytes(StandardCharsets.UTF_8)).timeSeries()).isNull();
    }

    @Test
    void shouldRefuseAnUnknownKeyInAPointNamingIt() {
        ResultsException e = rejection(t -> point(t, 1).put("passed", true));

        assertThat(e.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(e.pointer()).isEqualTo("/timeSeries/all/1/passed");
        assertThat(e.getMessage()).contains("passed");
    }

    @Test
    void shouldRefuseAMissingOrNullCountAsMissingRatherThanReadItAsZero() {
        assertThat(rejection(t -> point(t, 1).remove("requests")).pointer()).isEqualTo("/timeSeries/all/1/requests");
        assertThat(rejection(t -> point(t, 0).putNull("inFlight")).pointer()).isEqualTo("/timeSeries/all/0/inFlight");
        assertThat(rejection(t -> ((ObjectNode) t.get("timeSeries")).remove("intervalMs")).pointer())
                .isEqualTo("/timeSeries/intervalMs");
    }

    @Test
    void shouldRefuseQuotedNumbersFractionalCountsAndCountsBeyond64Bits() {
        assertThat(rejection(t -> point(t, 0).put("requests", "10")).pointer()).isEqualTo("/timeSeries/all/0/requests");
        assertThat(rejection(t -> point(t, 0).put("errors", 1.5)).pointer()).isEqualTo("/timeSeries/all/0/errors");
        assertThat(rejection(t -> point(t, 0).put("rps", "fast")).pointer()).isEqualTo("/timeSeries/all/0/rps");
        assertThat(rejection(t -> point(t, 0).put("histogram", 12)).pointer()).isEqualTo("/timeSeries/all/0/histogram");
        assertThat(rejection(t -> point(t, 0).put("dropped", new java.math.BigInteger("99999999999999999999"))).pointer())
                .isEqualTo("/timeSeries/all/0/dropped");
    }

    @Test
    void shouldRefuseADuplicateKeyInAPointAndADuplicateSeries() {
        String json = ResultsJson.toJson(withSeries());
        String twiceInPoint = json.replaceFirst("\"requests\" : 10,", "\"requests\" : 10, \"requests\" : 10000,");
        String twoSeries = json.replaceFirst("\"timeSeries\" :", "\"timeSeries\" : null, \"timeSeries\" :");

        for (String doc : List.of(twiceInPoint, twoSeries)) {
            ResultsException e = catchThrowableOfType(ResultsException.class, () -> READER.read(doc.getBytes(StandardCharsets.UTF_8)));
            assertThat(e).as(doc.equals(twoSeries) ? "two series" : "a key twice").isNotNull();
            assertThat(e.getMessage()).contains("Duplicate field");
        }
    }

    @Test
    void shouldStillValidateTheFiguresOfTheBoundSeries() {
        ResultsException backwards = rejection(t -> point(t, 1).put("t", 0.5));
        ResultsException notBase64 = rejection(t -> point(t, 0).put("histogram", "%%%"));

        assertThat(backwards.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(backwards.pointer()).isEqualTo("/timeSeries/all/1/t");
        assertThat(notBase64.pointer()).isEqualTo("/timeSeries/all/0/histogram");
        assertThat(notBase64.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(notBase64.getMessage()).contains("not base64");
    }

    @Test
    void shouldReadAHistogramWrittenWithEscapesAsTheSameBytes() throws Exception {
        RunResults written = withSeries();
        String json = ResultsJson.toJson(written);
        String base64 = written.timeSeries().all().get(0).histogram().base64();
        String escaped = json.replace(base64, "\\u0048" + base64.substring(1)); // the H of HIST as a JSON escape

        RunResults read = READER.read(escaped.getBytes(StandardCharsets.UTF_8));

        assertThat(escaped).isNotEqualTo(json);
        assertThat(read.timeSeries()).isEqualTo(written.timeSeries());
    }

    @Test
    void shouldRefuseAHistogramCutShortOfItsPadding() {
        String base64 = withSeries().timeSeries().all().get(0).histogram().base64();
        String cut = base64.substring(0, base64.length() - (base64.endsWith("=") ? 1 : 3));

        ResultsException e = rejection(t -> point(t, 0).put("histogram", cut));

        assertThat(e.pointer()).isEqualTo("/timeSeries/all/0/histogram");
        assertThat(e.getMessage()).contains("not base64");
    }

    @Test
    void shouldRefuseASeriesListOverTheLimitWhileStreaming() {
        ResultsException e = rejection(t -> {
            var all = (com.fasterxml.jackson.databind.node.ArrayNode) t.get("timeSeries").get("all");
            for (int i = 0; i < 1001; i++) {
                all.add(all.get(1).deepCopy());
            }
        });

        assertThat(e.kind()).isEqualTo(ResultsException.Kind.TOO_LARGE);
        assertThat(e.pointer()).isEqualTo("/timeSeries/all");
    }

    @Test
    void shouldReadEveryNumberToTheDoubleTheJdkParsesItTo() throws Exception {
        // the reader parses doubles with Jackson's fast parser: it must round exactly as Double.parseDouble does
        String[] texts = {"0.1", "2.004", "1e23", "9007199254740993", "2.2250738585072011e-308", "4.9e-324",
            "1.7976931348623157e308", "0.30000000000000004", "123456.78901234567", "3.141592653589793238462643383279"};
        for (String text : texts) {
            String json = ResultsJson.toJson(withSeries());
            int series = json.indexOf("\"timeSeries\"");
            String doc = json.substring(0, series) + json.substring(series).replaceFirst("\"rps\" : 10\\.0", "\"rps\" : " + text);
            assertThat(doc).as(text).contains("\"rps\" : " + text);

            RunResults read = READER.read(doc.getBytes(StandardCharsets.UTF_8));

            assertThat(read.timeSeries().all().get(0).rps()).as(text).isEqualTo(Double.parseDouble(text));
        }
    }
}
