import io.stressgate.engine.result.EncodedHistogram;
import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.JobFingerprints;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.result.ShardLedger;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.shard.ShardMerger;
import io.stressgate.engine.shard.ShardSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * The training set of the merge's class-data-sharing archive (stressgate-cli/pom.xml): writes DIR/shard-1 and
 * DIR/shard-2, the results.json of two shards of one run that merge to PASSED, with what a real shard's results carry
 * for the merge to read and add: 1 s intervals each with its histogram, a named request's series and load, and job
 * accounting with the primary's completions log. Written by the engine's own ResultsJson, so the set always has the
 * current schema; read back and merged here too, so that a set the merge no longer passes fails the build with the
 * merge's own message rather than only with the training merge's exit code. Run by the build as
 * {@code java -cp target/stressgate.jar src/cds/CdsTrainingSet.java DIR}.
 */
public class CdsTrainingSet {
    private static final int SHARDS = 2;
    private static final int INTERVALS = 60;
    private static final int PER_INTERVAL = 200;
    private static final int JOBS = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= SHARDS; i++) {
            Path d = Files.createDirectories(dir.resolve("shard-" + i));
            ResultsJson.write(shard(i), d.resolve("results.json"));
            dirs.add(d);
        }
        RunResults merged = new ShardMerger().merge(ShardSet.read(dirs, new ResultsReader()));
        int code = ExitCodes.of(merged);
        if (code != ExitCodes.PASSED) {
            throw new IllegalStateException("the training set in " + dir + " merges to " + ExitCodes.meaning(code)
                    + " (exit " + code + "), status " + merged.status() + ": " + merged.statusReason());
        }
    }

    private static RunResults shard(int index) {
        Random random = new Random(index);
        Histogram total = Histograms.forRequests();
        List<IntervalPoint> all = new ArrayList<>(INTERVALS);
        List<IntervalPoint> named = new ArrayList<>(INTERVALS);
        Histogram h = Histograms.forRequests();
        for (int s = 1; s <= INTERVALS; s++) {
            h.reset();
            for (int i = 0; i < PER_INTERVAL; i++) {
                Histograms.record(h, 200 + (long) Math.abs(random.nextGaussian() * 5_000));
            }
            total.add(h);
            double t = s + index * 0.003;
            all.add(point(t, h, Histograms.pack(h)));
            named.add(point(t, h, null));
        }
        long requests = (long) INTERVALS * PER_INTERVAL;
        LoadSummary sum = new LoadSummary(requests, 0, 0, 0, PER_INTERVAL, 0, requests, Histograms.latency(total),
                Map.of("200", requests), Map.of(), requests * 100, Histograms.encode(total));
        return new RunResults.Builder().runId("cds-" + index)
                .scenario(new ScenarioInfo("cds-training", "", "cds.yml", "abc", null))
                .startedAt(Instant.parse("2026-12-04T16:00:00Z").plusMillis(index * 7L)).durationMs(INTERVALS * 1000L)
                .load(Map.of("all", sum, "hit", sum)).timeSeries(new TimeSeries(1000, all, Map.of("hit", named)))
                .jobs(jobs(index)).shard(new ShardInfo(index, SHARDS, "cds-training", 1, index * 7L)).build();
    }

    private static IntervalPoint point(double t, Histogram h, EncodedHistogram histogram) {
        return new IntervalPoint(t, PER_INTERVAL, 0, 0, PER_INTERVAL, Histograms.percentileMs(h, 50),
                Histograms.percentileMs(h, 95), Histograms.percentileMs(h, 99),
                Histograms.round(h.getMaxValue() / 1000.0), 4, histogram);
    }

    /** Every job completed and timed; the primary (shard 1) also carries the completions log it scanned. */
    private static JobsSummary jobs(int index) {
        Histogram h = Histograms.forJobs();
        long[] fingerprints = new long[JOBS];
        for (int i = 0; i < JOBS; i++) {
            Histograms.record(h, 1_000_000 + i * 1000L);
            fingerprints[i] = JobFingerprints.of("cds-" + index + "-" + i);
        }
        ShardLedger.CompletionsLog log = index == 1
                ? new ShardLedger.CompletionsLog(JOBS, JOBS, JobFingerprints.encode(fingerprints)) : null;
        return new JobsSummary(JOBS, JOBS, 0, 0, 0, 0, 0, Histograms.latency(h), Histograms.encode(h), Map.of(),
                List.of(), 0L, null, List.of(), 0L, 0L, new ShardLedger(List.of(), 0, List.of(), 0, log));
    }
}
