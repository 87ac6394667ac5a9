import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.shard.ShardMerger;
import io.stressgate.engine.shard.ShardSet;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What `stressgate merge` does (read, merge, write every report), in a fresh JVM, with the process's CPU, GC and JIT
 * time printed after each phase. Compile it first, so that the compiler's CPU is not counted:
 * <pre>
 * javac -d /tmp/mp -cp stressgate-cli/target/stressgate.jar bench/merge/MergePhases.java
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp /tmp/mp:stressgate-cli/target/stressgate.jar \
 *   MergePhases DATA_DIR OUT_DIR          (DATA_DIR holds shard-1 ... shard-N, as bench/merge/run.sh writes them)
 * </pre>
 */
public class MergePhases {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long START = System.nanoTime();

    public static void main(String[] args) throws Exception {
        mark("start");
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            s.filter(p -> p.getFileName().toString().startsWith("shard-")).sorted().forEach(dirs::add);
        }
        ShardSet set = ShardSet.read(dirs, new ResultsReader());
        mark("read");
        RunResults merged = new ShardMerger().merge(set);
        set = null; // as MergeCommand drops the shards before it writes
        mark("merge");
        new ReportWriter().write(merged, Path.of(args[1]));
        mark("write");
    }

    private static void mark(String phase) {
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        System.out.printf("after %-5s: %5d ms wall since main, %5d ms CPU of the process since it started, %4d ms GC, "
                        + "%4d ms JIT%n", phase, (System.nanoTime() - START) / 1_000_000, OS.getProcessCpuTime() / 1_000_000, gc,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }
}
