import io.stressgate.engine.imports.ImportFormat;
import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.imports.ResultImporter;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Imports a JMeter JTL of N lines (CSV, JMeter 5 header, 8 labels, about 1,000 samples a second so 10 million lines
 * span 2.8 hours) and prints lines per second and the peak heap. The file is generated first (not timed), with a fixed
 * seed. The peer is `wc -l` on the same file, timed by run.sh: the speed of reading the bytes at all.
 * Run by bench/import/run.sh with -Xmx256m.
 */
public class ImportBench {
    private static final String[] LABELS = {"home", "login", "search, by name", "product", "cart", "checkout",
            "enqueue job", "job status"};

    public static void main(String[] args) throws Exception {
        long lines = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        if (!Files.exists(file) || Files.size(file) == 0) {
            generate(file, lines);
        }
        System.out.printf("JTL: %,d lines, %.1f MB, %d cores, load average %.1f%n", lines, Files.size(file) / 1e6,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            ImportedResults r = new ResultImporter().read(ImportFormat.JMETER, file);
            double s = (System.nanoTime() - t0) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("round %d: %,d samples in %.2f s = %,.0f lines/s, %d intervals of %d ms, "
                            + "peak heap (sum of pool peaks) %.0f MB, complete %s%n", round, r.total().requests(), s,
                    r.lines() / s, r.intervals().size(), r.interval().toMillis(), peak / 1e6, r.complete());
        }
    }

    private static void generate(Path file, long lines) throws Exception {
        Random random = new Random(42);
        long t = 1_733_400_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
                    + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n");
            StringBuilder line = new StringBuilder(256);
            for (long i = 0; i < lines; i++) {
                t += random.nextInt(3);
                int label = random.nextInt(LABELS.length);
                long elapsed = Math.max(1, Math.round(Math.exp(3 + random.nextGaussian() * 0.8)));
                boolean failed = random.nextInt(100) == 0;
                line.setLength(0);
                line.append(t).append(',').append(elapsed).append(',');
                String name = LABELS[label];
                line.append(name.indexOf(',') >= 0 ? '"' + name + '"' : name).append(',');
                line.append(failed ? "500,Internal Server Error" : "200,OK").append(",Users 1-").append(1 + label)
                        .append(",text,").append(!failed).append(",,").append(200 + label * 100).append(",140,64,64,")
                        .append("http://127.0.0.1:8080/").append(label).append(',').append(elapsed - 1).append(",0,")
                        .append(random.nextInt(3)).append('\n');
                out.append(line);
            }
        }
    }
}
