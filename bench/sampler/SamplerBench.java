import com.sun.net.httpserver.HttpServer;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRun;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The resource sampler's CPU cost, measured through a real run: N idle {@code sleep} processes watched by one
 * process selector, sampled at 10 Hz with the machine figures, while a trickle of load (1 request/s to a loopback
 * server in this JVM) keeps the run going. Over a fixed window after a warm-up it reads the sampling thread's CPU
 * time (ThreadMXBean) and this process's CPU time, and compares them with a run of the same load that samples
 * nothing, and with a peer doing the same job: {@code ps} reading the same pids in a shell loop at 10 Hz. Not a
 * test: the machine is shared, so read the ratios. Run it with {@code bench/sampler/run.sh}.
 */
public final class SamplerBench {
    private static final String SAMPLER_THREAD = "stressgate-resource-sampler";
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final int warmupSeconds;
    private final int windowSeconds;
    private final HttpServer server;
    private final String marker = "3599." + (100 + (int) (ProcessHandle.current().pid() % 900));

    private SamplerBench(int warmupSeconds, int windowSeconds) throws IOException {
        this.warmupSeconds = warmupSeconds;
        this.windowSeconds = windowSeconds;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(System.getProperty("warmup", "5"));
        int window = Integer.parseInt(System.getProperty("window", "20"));
        List<Integer> counts = new ArrayList<>();
        for (String a : args) {
            counts.add(Integer.parseInt(a));
        }
        if (counts.isEmpty()) {
            counts = List.of(10, 50, 200);
        }
        SamplerBench bench = new SamplerBench(warmup, window);
        try {
            bench.runAll(counts);
        } finally {
            bench.server.stop(0);
        }
    }

    private void runAll(List<Integer> counts) throws Exception {
        System.out.printf("machine: %d cores, %d processes; window %d s after %d s warm-up; 10 Hz%n",
                Runtime.getRuntime().availableProcessors(), countProcesses(), windowSeconds, warmupSeconds);
        Cost baseline = measureRun(0);
        System.out.printf("baseline run (same load, nothing sampled): process %.2f%% of one core%n%n",
                baseline.processPercent());
        System.out.println("watched | sampler thread | process - baseline | ticks/s | ps loop (peer) | sampler/peer");
        System.out.println("--------|----------------|--------------------|---------|----------------|-------------");
        for (int n : counts) {
            List<Process> idle = startIdle(n);
            try {
                Cost run = measureRun(n);
                double peer = measurePeer(idle);
                System.out.printf("%7d | %13.2f%% | %17.2f%% | %7.1f | %13.2f%% | %11.2f%n", n, run.threadPercent(),
                        run.processPercent() - baseline.processPercent(), run.ticksPerSecond(), peer,
                        run.threadPercent() / peer);
            } finally {
                stopAll(idle);
            }
        }
    }

    /** CPU of the sampling thread and of this process, in percent of one core, over the window of one run. */
    private record Cost(double threadPercent, double processPercent, double ticksPerSecond) {
    }

    private Cost measureRun(int watched) throws Exception {
        Path out = Files.createTempDirectory("sampler-bench");
        String yaml = scenario(watched);
        Scenario scenario = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS)
                .parse("sampler-bench.yml", yaml, out);
        StressRun run = new StressRunner(Clock.systemUTC(), new RunSettings(UUID.randomUUID().toString(), out, 2))
                .start(scenario, live -> { });
        try {
            TimeUnit.SECONDS.sleep(warmupSeconds);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long samplerId = watched == 0 ? -1 : threadId(threads, SAMPLER_THREAD);
            long thread0 = samplerId < 0 ? 0 : threads.getThreadCpuTime(samplerId);
            long process0 = processCpuNanos();
            long wall0 = System.nanoTime();
            long ticks0 = metricsRows(out);
            TimeUnit.SECONDS.sleep(windowSeconds);
            long thread1 = samplerId < 0 ? 0 : threads.getThreadCpuTime(samplerId);
            long process1 = processCpuNanos();
            long wall = System.nanoTime() - wall0;
            long ticks = metricsRows(out) - ticks0;
            return new Cost(100.0 * (thread1 - thread0) / wall, 100.0 * (process1 - process0) / wall,
                    ticks * 1e9 / wall);
        } finally {
            run.stop("the benchmark window is over");
            run.await();
            deleteTree(out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String scenario(int watched) {
        String seconds = (warmupSeconds + windowSeconds + 5) + "s";
        String system = watched == 0 ? "sampling: {interval: 100ms, system: false}\n"
                : "sampling: {interval: 100ms, system: true}\n"
                        + "processes:\n  - {name: idle, cmdline: '^sleep " + marker.replace(".", "\\.") + "$'}\n";
        return "name: sampler bench\n"
                + "target: http://127.0.0.1:" + server.getAddress().getPort() + "/\n"
                + "load:\n  - {name: trickle, executor: constant-arrival-rate, rate: 1/s, duration: " + seconds
                + ", request: {path: /}}\n"
                + system
                + "orphans: {enabled: false}\n"
                + "gates:\n  - http.error_rate < 50%\n";
    }

    /** The peer: ps reading the same pids (rss, cpu, threads) every 100 ms in a shell loop, over the same window. */
    private double measurePeer(List<Process> idle) throws Exception {
        String pids = idle.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(","));
        Process loop = new ProcessBuilder("bash", "-c",
                "while :; do ps -o pid=,rss=,pcpu=,nlwp= -p " + pids + " >/dev/null; sleep 0.1; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long cpu0 = shellAndChildrenTicks(loop.pid());
            long wall0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(windowSeconds);
            long cpu1 = shellAndChildrenTicks(loop.pid());
            long wall = System.nanoTime() - wall0;
            return 100.0 * (cpu1 - cpu0) * (1_000_000_000L / TICKS_PER_SECOND) / wall;
        } finally {
            loop.destroyForcibly();
            loop.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** utime + stime + cutime + cstime of a process: its own CPU and that of the children it waited for. */
    private static long shellAndChildrenTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private List<Process> startIdle(int n) throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                started.add(new ProcessBuilder("sleep", marker).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        } catch (IOException e) {
            stopAll(started);
            throw e;
        }
        return started;
    }

    private static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static long threadId(ThreadMXBean threads, String name) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && name.equals(info.getThreadName())) {
                    return info.getThreadId();
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("no thread named " + name + " started");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long metricsRows(Path out) throws IOException {
        Path csv = out.resolve("metrics.csv");
        if (!Files.exists(csv)) {
            return 0;
        }
        try (var lines = Files.lines(csv)) {
            return lines.count();
        }
    }

    private static long countProcesses() throws IOException {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
        }
    }
}
