import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.shard.ShardMerger;
import io.stressgate.engine.shard.ShardSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * The merge of 16 shards x 1 h of 1 s intervals (each interval with its compressed histogram): writes the shards'
 * results.json (not timed), then times reading them with the strict reader, merging and writing the merged
 * results, and prints the time and the peak heap. Run by bench/merge/run.sh with -Xmx256m.
 */
public class MergeBench {
    public static void main(String[] args) throws Exception {
        int shards = Integer.parseInt(args[0]);
        int intervals = Integer.parseInt(args[1]);
        int perInterval = Integer.parseInt(args[2]);
        Path dir = Files.createDirectories(Path.of(args[3]));
        List<Path> dirs = new ArrayList<>();
        long bytes = 0;
        for (int i = 1; i <= shards; i++) {
            Path d = Files.createDirectories(dir.resolve("shard-" + i));
            ResultsJson.write(shard(i, shards, intervals, perInterval), d.resolve("results.json"));
            bytes += Files.size(d.resolve("results.json"));
            dirs.add(d);
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ShardSet set = ShardSet.read(dirs, new ResultsReader());
        long t1 = System.nanoTime();
        RunResults merged = new ShardMerger().merge(set);
        long t2 = System.nanoTime();
        ResultsJson.write(merged, dir.resolve("merged.json"));
        long t3 = System.nanoTime();
        long ms = (t3 - t0) / 1_000_000;
        long cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        System.out.printf("read %d ms, merge %d ms, write %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("CPU time of the merging thread %d ms (wall time depends on the machine's load: %s); live heap "
                + "with all shards and the merge still held %.1f MB%n", cpuMs,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + " load average", live / 1e6);
        if (set.shards().isEmpty()) {
            throw new IllegalStateException("nothing merged");
        }
        System.out.printf("merge of %d shards x %d intervals (%d requests each interval per shard, %.1f MB of results.json): "
                        + "%d ms, peak heap %.1f MB (max heap %.0f MB); merged %d requests, %d points, p99 %s ms%n",
                shards, intervals, perInterval, bytes / 1e6, ms, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                merged.all().requests(), merged.timeSeries().all().size(), merged.all().latencyMs().p99());
    }

    private static RunResults shard(int index, int count, int intervals, int perInterval) {
        Random random = new Random(index);
        Histogram total = Histograms.forRequests();
        List<IntervalPoint> all = new ArrayList<>(intervals);
        List<IntervalPoint> named = new ArrayList<>(intervals);
        Histogram h = Histograms.forRequests();
        for (int s = 1; s <= intervals; s++) {
            h.reset();
            for (int i = 0; i < perInterval; i++) {
                Histograms.record(h, 200 + (long) Math.abs(random.nextGaussian() * 5_000) + (random.nextInt(1000) == 0 ? 400_000 : 0));
            }
            total.add(h);
            double t = s + index * 0.003;
            all.add(new IntervalPoint(t, perInterval, 0, 0, perInterval, Histograms.percentileMs(h, 50),
                    Histograms.percentileMs(h, 95), Histograms.percentileMs(h, 99), Histograms.round(h.getMaxValue() / 1000.0),
                    4, Histograms.encode(h)));
            named.add(new IntervalPoint(t, perInterval, 0, 0, perInterval, Histograms.percentileMs(h, 50),
                    Histograms.percentileMs(h, 95), Histograms.percentileMs(h, 99), Histograms.round(h.getMaxValue() / 1000.0),
                    4, null));
        }
        long requests = (long) intervals * perInterval;
        LoadSummary sum = new LoadSummary(requests, 0, 0, 0, perInterval, 0, requests, Histograms.latency(total),
                Map.of("200", requests), Map.of(), requests * 100, Histograms.encode(total));
        return new RunResults.Builder().runId("bench-" + index).scenario(new ScenarioInfo("bench", "", "bench.yml", "abc", null))
                .startedAt(Instant.parse("2026-12-04T16:00:00Z").plusMillis(index * 7L)).durationMs(intervals * 1000L)
                .load(Map.of("all", sum, "hit", sum)).timeSeries(new TimeSeries(1000, all, Map.of("hit", named)))
                .shard(new ShardInfo(index, count, "bench", 1, index * 7L)).build();
    }
}
