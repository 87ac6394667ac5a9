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
 * results.json (not timed), then times reading them with the strict reader, merging and writing the merged results:
 * first in a fresh JVM (what a `stressgate merge` pays), then warm, and a plain Jackson parse of the same files as the
 * baseline. Prints wall and process CPU time and the heap. Run by bench/merge/run.sh with -Xmx256m.
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
            if (!Files.exists(d.resolve("results.json"))) { // a kept data directory is reused (the same seeds write the same files)
                ResultsJson.write(shard(i, shards, intervals, perInterval), d.resolve("results.json"));
            }
            bytes += Files.size(d.resolve("results.json"));
            dirs.add(d);
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        System.out.printf("merge of %d shards x %d intervals (%d requests each interval per shard, %.1f MB of results.json) "
                + "on %d cores, load average %.1f before%n", shards, intervals, perInterval, bytes / 1e6,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Timing cold = merge(dirs, dir.resolve("merged.json"));
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("first merge in this JVM (what `stressgate merge` pays, JIT compilation included): " + cold);
        System.out.printf("peak heap %.1f MB (sum of the pools' peaks, an upper bound), max heap %.0f MB; live heap with all "
                + "shards and the merge held %.1f MB; merged %d requests, %d points, p99 %s ms%n", peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6, cold.liveBytes / 1e6, cold.requests, cold.points, cold.p99);
        List<Timing> warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            warm.add(merge(dirs, dir.resolve("merged.json")));
        }
        warm.sort(java.util.Comparator.comparingLong(t -> t.wallNanos()));
        Timing median = warm.get(1);
        System.out.println("median of 3 more merges in the same JVM (compiled code): " + median);
        long[] baseline = parseOnly(dirs);
        System.out.printf("baseline, a plain Jackson tree parse of the same files (no checks, no binding, no merge), one thread: "
                + "%d ms wall, %d ms CPU; the warm merge takes %.1fx its wall and %.1fx its CPU%n", baseline[0] / 1_000_000,
                baseline[1] / 1_000_000, (double) median.wallNanos() / baseline[0], (double) median.cpuNanos() / baseline[1]);
    }

    /** Wall and process CPU time (all threads: workers, JIT, GC) of the phases of one merge, and what it merged. */
    record Timing(long readNanos, long mergeNanos, long writeNanos, long cpuNanos, long gcMillis, long liveBytes,
                  long requests, int points, Double p99) {
        long wallNanos() {
            return readNanos + mergeNanos + writeNanos;
        }

        @Override
        public String toString() {
            return String.format("%d ms wall (read %d, merge %d, write %d), %d ms CPU of the process, %d ms in GC",
                    wallNanos() / 1_000_000, readNanos / 1_000_000, mergeNanos / 1_000_000, writeNanos / 1_000_000,
                    cpuNanos / 1_000_000, gcMillis);
        }
    }

    private static Timing merge(List<Path> dirs, Path out) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc0 = gcMillis();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ShardSet set = ShardSet.read(dirs, new ResultsReader());
        long t1 = System.nanoTime();
        RunResults merged = new ShardMerger().merge(set);
        long t2 = System.nanoTime();
        ResultsJson.write(merged, out);
        long t3 = System.nanoTime();
        long cpu = os.getProcessCpuTime() - cpu0;
        long gc = gcMillis() - gc0;
        if (set.shards().size() != dirs.size()) {
            throw new IllegalStateException("merged " + set.shards().size() + " of " + dirs.size() + " shards");
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Timing(t1 - t0, t2 - t1, t3 - t2, cpu, gc, live, merged.all().requests(), merged.timeSeries().all().size(),
                merged.all().latencyMs().p99());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** Wall and thread CPU time of parsing every file into a tree with a default Jackson mapper, best of 3. */
    private static long[] parseOnly(List<Path> dirs) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < 3; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long nodes = 0;
            for (Path d : dirs) {
                nodes += plain.readTree(Files.readAllBytes(d.resolve("results.json"))).size();
            }
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            if (nodes == 0) {
                throw new IllegalStateException("parsed nothing");
            }
            best[0] = Math.min(best[0], wall);
            best[1] = Math.min(best[1], cpu);
        }
        return best;
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
                    4, Histograms.pack(h)));
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
