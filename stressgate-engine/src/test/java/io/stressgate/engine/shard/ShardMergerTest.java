package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.gate.GateEvaluator;
import io.stressgate.engine.gate.ResultsMetrics;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.GateExpression;
import io.stressgate.engine.scenario.GateSpec;
import io.stressgate.engine.scenario.Location;
import io.stressgate.engine.scenario.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMergerTest {
    private static final Instant T0 = Instant.parse("2026-12-04T16:05:00Z");
    private static final ResultsReader READER = new ResultsReader();
    private static final String RPS_GATE = "http.rps < 150";

    @TempDir
    Path dir;

    /** A shard of 3 whose latencies are drawn from a seeded source, with 100 requests per second for 3 seconds. */
    private static RunResults shard(int index, RunStatus status, String sha, List<Histogram> recorded) {
        Random random = new Random(index);
        Histogram total = Histograms.forRequests();
        List<IntervalPoint> points = new ArrayList<>();
        for (int second = 1; second <= 3; second++) {
            Histogram h = Histograms.forRequests();
            for (int i = 0; i < 100; i++) {
                Histograms.record(h, 200 + random.nextInt(20_000 * index));
            }
            total.add(h);
            points.add(new IntervalPoint(second + index * 0.01, 100, 0, 0, 100, Histograms.percentileMs(h, 50),
                    Histograms.percentileMs(h, 95), Histograms.percentileMs(h, 99), Histograms.round(h.getMaxValue() / 1000.0),
                    3, Histograms.pack(h)));
        }
        recorded.add(total);
        LoadSummary all = new LoadSummary(300, 0, 0, 0, 100, 0, 300, Histograms.latency(total), Map.of("200", 300L), Map.of(),
                3000, Histograms.encode(total));
        RunResults r = new RunResults.Builder().runId("shard-" + index).status(status, status == RunStatus.COMPLETED ? null : "killed")
                .scenario(new ScenarioInfo("s", "", "s.yml", sha, null)).startedAt(T0.plusMillis(index * 10L)).durationMs(3000)
                .load(Map.of("all", all)).timeSeries(new TimeSeries(1000, points, Map.of()))
                .checks(List.of(new CheckSummary("api", "created", "status 201", false, 290 + index, 10 - index)))
                .shard(new ShardInfo(index, 3, "g", 1, index * 10L)).build();
        GateSpec gate = new GateSpec(GateExpression.parse(RPS_GATE), Severity.FAIL, false, Duration.ZERO, new Location("s.yml", 1, 1));
        return r.withGates(new GateEvaluator().evaluate(List.of(gate), new ResultsMetrics(r)));
    }

    private Path write(String name, RunResults r) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        ResultsJson.write(r, d.resolve("results.json"));
        return d;
    }

    private List<Path> three(RunStatus second, List<Histogram> recorded) throws Exception {
        return List.of(write("a", shard(1, RunStatus.COMPLETED, "abc", recorded)), write("b", shard(2, second, "abc", recorded)),
                write("c", shard(3, RunStatus.COMPLETED, "abc", recorded)));
    }

    @Test
    void shouldReadAShardsResultsAsPendingWhateverItsGates() throws Exception {
        RunResults shard = shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>());

        assertThat(shard.gates()).extracting(GateResult::passed).containsExactly(true);
        assertThat(READER.read(ResultsJson.toJson(shard).getBytes())).isEqualTo(shard);
        assertThat(shard.verdict()).isEqualTo(Verdict.PENDING);
    }

    @Test
    void shouldAddHistogramsSoMergedPercentilesAreThoseOfAllSamples() throws Exception {
        List<Histogram> recorded = new ArrayList<>();
        RunResults merged = new ShardMerger().merge(ShardSet.read(three(RunStatus.COMPLETED, recorded), READER));

        Histogram all = Histograms.forRequests();
        recorded.forEach(all::add);
        assertThat(merged.all().requests()).isEqualTo(900);
        assertThat(merged.all().latencyMs()).isEqualTo(Histograms.latency(all));
        assertThat(merged.timeSeries().all()).hasSize(3).allSatisfy(p -> assertThat(p.requests()).isEqualTo(300));
        assertThat(merged.shards()).hasSize(3);
        assertThat(merged.shard()).isNull();
        assertThat(READER.read(ResultsJson.toJson(merged).getBytes())).isEqualTo(merged);
    }

    @Test
    void shouldAddEachChecksPassesAndFailsOverTheShards() throws Exception {
        RunResults merged = new ShardMerger().merge(ShardSet.read(three(RunStatus.COMPLETED, new ArrayList<>()), READER));

        assertThat(merged.checks()).containsExactly(new CheckSummary("api", "created", "status 201", false, 876, 24));
    }

    @Test
    void shouldDecideOnTheMergeAGateThatEveryShardHolds() throws Exception {
        RunResults merged = new ShardMerger().merge(ShardSet.read(three(RunStatus.COMPLETED, new ArrayList<>()), READER));

        assertThat(merged.gates()).singleElement().satisfies(g -> {
            assertThat(g.expression()).isEqualTo(RPS_GATE);
            assertThat(g.actual()).isEqualTo(300.0);
            assertThat(g.passed()).isFalse();
        });
        assertThat(merged.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(merged.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldNameTheFirstTlsFailureOfAnyShardWithItsIndex() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String failure = i == 1 ? null : "https://127.0.0.1:8443: PKIX path building failed (shard " + i + ")";
            GeneratorInfo g = new GeneratorInfo("v", 1, 2, 10, 5, 10, 0, 4, 0, 1000, false, null, failure);
            dirs.add(write("s" + i, shard(i, RunStatus.COMPLETED, "abc", new ArrayList<>()).toBuilder().generator(g).build()));
        }

        RunResults merged = new ShardMerger().merge(ShardSet.read(dirs, READER));

        assertThat(merged.generator().tlsFailure()).isEqualTo("shard 2: https://127.0.0.1:8443: PKIX path building failed (shard 2)");
        assertThat(merged.generator().saturated()).isFalse();
        assertThat(READER.read(ResultsJson.toJson(merged).getBytes())).isEqualTo(merged);
    }

    @Test
    void shouldNeverPassWhenAShardWasInterrupted() throws Exception {
        RunResults merged = new ShardMerger().merge(ShardSet.read(three(RunStatus.INTERRUPTED, new ArrayList<>()), READER));

        assertThat(merged.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(merged.statusReason()).contains("shard 2 INTERRUPTED");
        assertThat(merged.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldMakeTheMergeAnErrorWhenAShardNeverWroteResults() throws Exception {
        List<Path> dirs = List.of(write("a", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>())),
                Files.createDirectories(dir.resolve("b")), write("c", shard(3, RunStatus.COMPLETED, "abc", new ArrayList<>())));

        RunResults merged = new ShardMerger().merge(ShardSet.read(dirs, READER));

        assertThat(merged.status()).isEqualTo(RunStatus.ERROR);
        assertThat(merged.statusReason()).contains("shard 2 never wrote results");
        assertThat(merged.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldTakeTheStandInOfAKilledShardForAShardThatNeverFinished() throws Exception {
        RunResults standIn = new RunResults.Builder().runId("killed").status(RunStatus.RUNNING, "the run was killed")
                .scenario(new ScenarioInfo("s", "", "s.yml", "abc", null)).startedAt(T0)
                .load(Map.of("all", new LoadSummary(0, 0, 0, 0, 0, 0, 0, null, Map.of(), Map.of(), 0,
                        Histograms.encode(Histograms.forRequests())))).build();
        List<Path> dirs = List.of(write("a", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>())), write("b", standIn),
                write("c", shard(3, RunStatus.COMPLETED, "abc", new ArrayList<>())));

        RunResults merged = new ShardMerger().merge(ShardSet.read(dirs, READER));

        assertThat(merged.status()).isEqualTo(RunStatus.ERROR);
        assertThat(merged.statusReason()).contains("shard 2 never wrote results");
        assertThat(merged.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldRefuseAMergeWhoseShardLinesHoldControlCharacters() throws Exception {
        RunResults merged = new ShardMerger().merge(ShardSet.read(three(RunStatus.COMPLETED, new ArrayList<>()), READER));
        String json = ResultsJson.toJson(merged).replace("\"runId\" : \"shard-2\"", "\"runId\" : \"shard\\u0007\"");

        assertThat(catchThrowableOfType(io.stressgate.engine.result.ResultsException.class, () -> READER.read(json.getBytes())))
                .hasMessageContaining("/shards/1/runId");
    }

    @Test
    void shouldRefuseAShardOfAnotherScenarioNamingItsFile() throws Exception {
        Path other = write("c", shard(3, RunStatus.COMPLETED, "def", new ArrayList<>()));
        List<Path> dirs = List.of(write("a", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>())),
                write("b", shard(2, RunStatus.COMPLETED, "abc", new ArrayList<>())), other);

        ShardSetException e = catchThrowableOfType(ShardSetException.class, () -> ShardSet.read(dirs, READER));

        assertThat(e.file()).isEqualTo(other.resolve("results.json"));
        assertThat(e.getMessage()).contains("scenario file (SHA-256) def");
    }

    @Test
    void shouldRefuseADuplicateAndAMissingShard() throws Exception {
        Path a = write("a", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>()));
        Path again = write("a2", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>()));
        Path c = write("c", shard(3, RunStatus.COMPLETED, "abc", new ArrayList<>()));

        ShardSetException duplicate = catchThrowableOfType(ShardSetException.class, () -> ShardSet.read(List.of(a, again, c), READER));
        ShardSetException missing = catchThrowableOfType(ShardSetException.class, () -> ShardSet.read(List.of(a, c), READER));

        assertThat(duplicate.file()).isEqualTo(again.resolve("results.json"));
        assertThat(duplicate.getMessage()).contains("is shard 1 again");
        assertThat(missing.getMessage()).contains("shards [2] of 3 are missing");
    }

    @Test
    void shouldRefuseTheResultsOfAnUnshardedRunAndAnUnknownSchema() throws Exception {
        RunResults plain = shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>()).toBuilder().shard(null).build();
        Path unsharded = write("plain", plain);
        Path future = Files.createDirectories(dir.resolve("future"));
        Files.writeString(future.resolve("results.json"), ResultsJson.toJson(shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>()))
                .replace("stressgate.results/1", "stressgate.results/9"));

        assertThat(catchThrowableOfType(ShardSetException.class, () -> ShardSet.read(List.of(unsharded), READER)))
                .hasMessageContaining("unsharded run");
        assertThat(catchThrowableOfType(ShardSetException.class, () -> ShardSet.read(List.of(future), READER)))
                .hasMessageContaining(future.resolve("results.json").toString()).hasMessageContaining("not a supported version");
    }

    @Test
    void shouldAddEveryIntervalOfALongSeriesExactlyWhenSeveralWorkersShareIt() throws Exception {
        Random random = new Random(7);
        List<Path> dirs = new ArrayList<>();
        List<Histogram> expected = new ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            expected.add(Histograms.forRequests());
        }
        for (int index = 1; index <= 2; index++) {
            List<IntervalPoint> points = new ArrayList<>();
            Histogram total = Histograms.forRequests();
            for (int s = 0; s < 1000; s++) {
                Histogram h = Histograms.forRequests();
                for (int i = 0; i < 1 + random.nextInt(50); i++) {
                    Histograms.record(h, (long) Math.pow(10, 2 + random.nextDouble() * 5));
                }
                expected.get(s).add(h);
                total.add(h);
                points.add(new IntervalPoint(s + 1, h.getTotalCount(), 0, 0, 1, null, null, null, null, 0, Histograms.pack(h)));
            }
            long n = total.getTotalCount();
            LoadSummary all = new LoadSummary(n, 0, 0, 0, 1, 0, n, Histograms.latency(total), Map.of("200", n), Map.of(), 0,
                    Histograms.encode(total));
            dirs.add(write("s" + index, new RunResults.Builder().runId("long-" + index).scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                    .startedAt(T0).durationMs(1_000_000).load(Map.of("all", all)).timeSeries(new TimeSeries(1000, points, Map.of()))
                    .shard(new ShardInfo(index, 2, "g", 1, 0L)).build()));
        }

        List<IntervalPoint> merged = new ShardMerger().merge(ShardSet.read(dirs, READER)).timeSeries().all();

        assertThat(merged).hasSize(1000);
        for (int s = 0; s < 1000; s++) {
            Histogram want = expected.get(s);
            IntervalPoint p = merged.get(s);
            assertThat(p.t()).isEqualTo(s + 1);
            assertThat(Histograms.decode(p.histogram())).as("interval %d", s).isEqualTo(want);
            assertThat(p.p99()).isEqualTo(Histograms.percentileMs(want, 99));
            assertThat(p.max()).isEqualTo(Histograms.round(want.getMaxValue() / 1000.0));
        }
    }

    @Test
    void shouldNameTheFirstRefusedDirectoryInTheOrderGivenThoughTheyAreReadSideBySide() throws Exception {
        Path good = write("a", shard(1, RunStatus.COMPLETED, "abc", new ArrayList<>()));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("results.json"), "{\"schema\": ");
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        ShardSetException first = catchThrowableOfType(ShardSetException.class,
                () -> ShardSet.read(List.of(good, broken, notADirectory), READER));
        ShardSetException other = catchThrowableOfType(ShardSetException.class,
                () -> ShardSet.read(List.of(good, notADirectory, broken), READER));

        assertThat(first.file()).isEqualTo(broken.resolve("results.json"));
        assertThat(first.getMessage()).contains("not valid JSON");
        assertThat(other.file()).isEqualTo(notADirectory);
        assertThat(other.getMessage()).contains("is not a directory");
    }
}
