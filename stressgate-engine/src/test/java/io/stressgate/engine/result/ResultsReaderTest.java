package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
    private static final ResultsReader READER = new ResultsReader(new ResultsReader.Limits(64 * 1024, 24, 32 * 1024, 1000));

    private static RunResults valid() {
        LatencyMs l = new LatencyMs(1, 2, 3, 4, 5, 6, 0.5, 2, 1);
        LoadSummary all = new LoadSummary(10, 1, 0, 0, 5.0, 0.1, 10, l, Map.of("200", 9L, "500", 1L), Map.of("http_5xx", 1L), 100, null);
        return new RunResults.Builder().runId("r1").scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                .startedAt(Instant.parse("2026-11-23T08:00:00Z")).durationMs(2000).load(Map.of("all", all)).build();
    }

    private static byte[] mutate(Consumer<ObjectNode> change) {
        ObjectNode tree = ResultsJson.writer().valueToTree(valid());
        change.accept(tree);
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ResultsException rejection(byte[] bytes) {
        return catchThrowableOfType(ResultsException.class, () -> READER.read(bytes));
    }

    @Test
    void shouldReadWhatTheEngineWrites() throws Exception {
        assertThat(READER.read(ResultsJson.toJson(valid()).getBytes(StandardCharsets.UTF_8))).isEqualTo(valid());
    }

    @Test
    void shouldRefuseAnUnknownSchemaVersionListingTheSupportedOnes() {
        ResultsException e = rejection(mutate(t -> t.put("schema", "stressgate.results/9")));

        assertThat(e.kind()).isEqualTo(ResultsException.Kind.UNSUPPORTED_VERSION);
        assertThat(e.pointer()).isEqualTo("/schema");
        assertThat(e.getMessage()).contains("supported: stressgate.results/1");
    }

    @Test
    void shouldNameThePointerOfAMissingOrMistypedField() {
        ResultsException missing = rejection(mutate(t -> ((ObjectNode) t.get("load").get("all")).remove("requests")));
        ResultsException mistyped = rejection(mutate(t -> ((ObjectNode) t.get("load").get("all")).put("requests", "10")));
        ResultsException unknown = rejection(mutate(t -> t.put("passedForSure", true)));

        assertThat(missing.pointer()).isEqualTo("/load/all/requests");
        assertThat(missing.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(mistyped.pointer()).isEqualTo("/load/all/requests");
        assertThat(unknown.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(unknown.getMessage()).contains("passedForSure");
    }

    @Test
    void shouldReadChecksBackAndResultsWrittenBeforeChecksExisted() throws Exception {
        RunResults withChecks = valid().toBuilder().checks(List.of(new CheckSummary("all-requests", "has-id", "json /id exists", true, 9, 1))).build();
        byte[] older = mutate(t -> t.remove("checks"));

        assertThat(READER.read(ResultsJson.toJson(withChecks).getBytes(StandardCharsets.UTF_8))).isEqualTo(withChecks);
        assertThat(new String(older, StandardCharsets.UTF_8)).doesNotContain("\"checks\"");
        assertThat(READER.read(older).checks()).isEmpty();
    }

    @Test
    void shouldRefuseChecksWithImpossibleOrMissingCounts() {
        RunResults withChecks = valid().toBuilder().checks(List.of(new CheckSummary("r", "has-id", "json /id exists", false, 9, 1))).build();
        ObjectNode tree = ResultsJson.writer().valueToTree(withChecks);
        ((ObjectNode) tree.get("checks").get(0)).put("fails", -1);
        ResultsException negative = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) tree.get("checks").get(0)).remove("fails");
        ResultsException missing = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) tree.get("checks").get(0)).put("fails", 1).put("name", "");
        ResultsException unnamed = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(negative.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(negative.pointer()).isEqualTo("/checks/0/fails");
        assertThat(missing.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(missing.pointer()).isEqualTo("/checks/0/fails");
        assertThat(unnamed.pointer()).isEqualTo("/checks/0/name");
    }

    @Test
    void shouldReadABreakingPointBackAndResultsWrittenBeforeItExistedAsNull() throws Exception {
        RunResults withPoint = valid().toBuilder().breakingPoint(new BreakingPoint("search", BreakingPoint.Outcome.BROKE, 25.0,
                30.0, "\"http.p95 > 500ms\": http.p95 was 1.06s", 45, 8000, List.of(
                        new BreakingStep(25, 199, 185.0, 0.0, 0, null, true), new BreakingStep(30, 208, 1063.0, 0.0, 0, 12L, false))))
                .build();
        byte[] older = mutate(t -> t.remove("breakingPoint"));

        assertThat(READER.read(ResultsJson.toJson(withPoint).getBytes(StandardCharsets.UTF_8))).isEqualTo(withPoint);
        assertThat(new String(older, StandardCharsets.UTF_8)).doesNotContain("breakingPoint");
        assertThat(READER.read(older).breakingPoint()).isNull();
    }

    @Test
    void shouldRefuseABreakingPointThatCannotBe() {
        RunResults withPoint = valid().toBuilder().breakingPoint(new BreakingPoint("search", BreakingPoint.Outcome.BROKE, 25.0,
                30.0, "broke", 45, 8000, List.of(new BreakingStep(25, 199, 185.0, 0.0, 0, null, true),
                        new BreakingStep(30, 208, 1063.0, 0.0, 0, null, false)))).build();
        ObjectNode tree = ResultsJson.writer().valueToTree(withPoint);
        ObjectNode point = (ObjectNode) tree.get("breakingPoint");
        ((ObjectNode) point.get("steps").get(1)).put("errorRate", 1.5);
        ResultsException share = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) point.get("steps").get(1)).put("errorRate", 0.0);
        ((ObjectNode) point.get("steps").get(0)).put("held", false);
        ResultsException brokeTwice = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) point.get("steps").get(0)).put("held", true);
        point.putNull("brokeAt");
        ResultsException noBreak = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(share.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(share.pointer()).isEqualTo("/breakingPoint/steps/1/errorRate");
        assertThat(brokeTwice.pointer()).isEqualTo("/breakingPoint/steps/0/held");
        assertThat(noBreak.pointer()).isEqualTo("/breakingPoint/brokeAt");
    }

    @Test
    void shouldRefuseFiguresThatCannotBe() {
        ResultsException negative = rejection(mutate(t -> ((ObjectNode) t.get("load").get("all").get("latencyMs")).put("p50", -1)));
        ResultsException inverted = rejection(mutate(t -> ((ObjectNode) t.get("load").get("all").get("latencyMs")).put("p99", 1.5)));
        ResultsException tooManyErrors = rejection(mutate(t -> ((ObjectNode) t.get("load").get("all")).put("errors", 11)));
        ResultsException farFuture = rejection(mutate(t -> t.put("startedAt", "9999-01-01T00:00:00Z")));

        assertThat(negative.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(negative.pointer()).isEqualTo("/load/all/latencyMs/p50");
        assertThat(inverted.pointer()).isEqualTo("/load/all/latencyMs/p99");
        assertThat(inverted.getMessage()).contains("below p95");
        assertThat(tooManyErrors.pointer()).isEqualTo("/load/all/errors");
        assertThat(farFuture.pointer()).isEqualTo("/startedAt");
    }

    @Test
    void shouldRefuseAnIncompleteRunThatClaimsToHavePassed() {
        ResultsException e = rejection(mutate(t -> t.put("status", "INTERRUPTED")));

        assertThat(e.kind()).isEqualTo(ResultsException.Kind.INVALID);
        assertThat(e.pointer()).isEqualTo("/verdict");
        assertThat(e.getMessage()).contains("never PASSED");
    }

    @Test
    void shouldCheckTheClaimedVerdictOfResultsWithATimeSeriesNotOneRecomputedForThem() {
        RunResults withSeries = valid().toBuilder().timeSeries(new TimeSeries(1000,
                List.of(new IntervalPoint(1.0, 10, 1, 0, 10.0, 1.5, 1.5, 1.5, 1.5, 2, null)), Map.of())).build();
        ObjectNode tree = ResultsJson.writer().valueToTree(withSeries);
        tree.put("status", "INTERRUPTED");

        ResultsException e = rejection(tree.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(e).as("an INTERRUPTED run with a time series claiming PASSED").isNotNull();
        assertThat(e.pointer()).isEqualTo("/verdict");
        assertThat(e.getMessage()).contains("never PASSED");
    }

    @Test
    void shouldRefuseMalformedJson() {
        String good = ResultsJson.toJson(valid());
        assertThat(rejection(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(rejection("{\"schema\":\"stressgate.results/1\",\"schema\":\"x\"}".getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("Duplicate field");
        assertThat(rejection(good.replace("\"rps\" : 5.0", "\"rps\" : NaN").getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(rejection(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}).kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(rejection("[1,2]".getBytes(StandardCharsets.UTF_8)).getMessage()).contains("must be a JSON object");
    }

    @Test
    void shouldRefuseOversizedAndDeeplyNestedDocumentsBeforeBuildingThem() {
        byte[] big = new byte[64 * 1024 + 1];
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

        assertThat(rejection(big).kind()).isEqualTo(ResultsException.Kind.TOO_LARGE);
        assertThat(rejection(deep.getBytes(StandardCharsets.UTF_8)).kind()).isIn(ResultsException.Kind.TOO_LARGE,
                ResultsException.Kind.MALFORMED);
    }

    @Test
    void shouldReadAFileWholeByItsSizeAndRefuseOneOverTheLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, ResultsJson.toJson(valid()));
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[64 * 1024 + 1]);

        assertThat(READER.read(file)).isEqualTo(valid());
        assertThat(catchThrowableOfType(ResultsException.class, () -> READER.read(big)).kind())
                .isEqualTo(ResultsException.Kind.TOO_LARGE);
    }

    @Test
    void shouldReadOnPastTheSizeAFileWasMeasuredAtAndStopOnePastTheLimit() throws Exception {
        byte[] hundred = new byte[100];
        Arrays.fill(hundred, (byte) 'x');
        byte[] overLimit = new byte[64 * 1024 + 50];

        assertThat(READER.readAll(new ByteArrayInputStream(hundred), 10)).as("grew since measured").isEqualTo(hundred);
        assertThat(READER.readAll(new ByteArrayInputStream(hundred), 200)).as("shrank since measured").isEqualTo(hundred);
        assertThat(READER.readAll(new ByteArrayInputStream(hundred), 100)).isEqualTo(hundred);
        assertThat(READER.readAll(new ByteArrayInputStream(overLimit), 10)).hasSize(64 * 1024 + 1);
    }

    @Test
    void shouldRefuseControlCharactersInNames() {
        ResultsException e = rejection(mutate(t -> ((ObjectNode) t.get("scenario")).put("name", "evil\u0000name")));

        assertThat(e.pointer()).isEqualTo("/scenario/name");
        assertThat(List.of(ResultsException.Kind.INVALID)).contains(e.kind());
    }

    private static byte[] withName(byte[] nameBytes) {
        byte[] doc = mutate(t -> ((ObjectNode) t.get("scenario")).put("name", "NAME-HERE"));
        String text = new String(doc, StandardCharsets.UTF_8);
        int at = text.indexOf("NAME-HERE");
        byte[] out = new byte[doc.length - 9 + nameBytes.length];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(nameBytes, 0, out, at, nameBytes.length);
        System.arraycopy(doc, at + 9, out, at + nameBytes.length, doc.length - at - 9);
        return out;
    }

    @Test
    void shouldRefuseInvalidUtf8ThatTheJsonParserLetsThroughWithItsPointer() {
        byte[] overlongSlash = {'a', (byte) 0xc0, (byte) 0xaf, 'b'};
        byte[] encodedSurrogate = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'b'};
        byte[] truncated = {'a', (byte) 0xe2, (byte) 0x82, 'b'};

        for (byte[] name : List.of(overlongSlash, encodedSurrogate, truncated)) {
            ResultsException e = rejection(withName(name));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
            assertThat(e.pointer()).isEqualTo("/scenario/name");
            assertThat(e.getMessage()).contains("not valid UTF-8");
        }
    }

    @Test
    void shouldRefuseAnEscapedLoneSurrogateWithItsPointer() {
        ResultsException e = rejection(withName("a\\ud800b".getBytes(StandardCharsets.US_ASCII)));

        assertThat(e.kind()).isEqualTo(ResultsException.Kind.MALFORMED);
        assertThat(e.pointer()).isEqualTo("/scenario/name");
        assertThat(e.getMessage()).contains("lone surrogate U+D800");
    }

    @Test
    void shouldAcceptAnEscapedSurrogatePair() throws Exception {
        assertThat(READER.read(withName("a\\ud83d\\ude00b".getBytes(StandardCharsets.US_ASCII))).scenario().name())
                .isEqualTo("a\ud83d\ude00b");
    }

    @Test
    void shouldRefuseAListOverTheLimitWhileStreamingInMemoryBoundedByTheBody() {
        ResultsReader reader = new ResultsReader(new ResultsReader.Limits(32L << 20, 24, 1 << 20, 100_000));
        String good = ResultsJson.toJson(valid()).trim();
        byte[] body = (good.substring(0, good.length() - 1) + ",\"extra\":[" + "0,".repeat(1_000_000) + "0]}")
                .getBytes(StandardCharsets.US_ASCII);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ResultsException e = catchThrowableOfType(ResultsException.class, () -> reader.read(body));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(e.kind()).isEqualTo(ResultsException.Kind.TOO_LARGE);
        assertThat(e.pointer()).isEqualTo("/extra");
        // the text the body decodes to is 2-3 times its size; a tree of a million nodes would be over 10 times
        assertThat(allocated).as("bytes allocated to refuse a %d-byte body", body.length).isLessThan(5L * body.length);
    }
}
