package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JMeter 5.6.3 and Gatling 3.10.5 from Maven Central, each in a JVM of its own on the jars the build laid out in
 * target/real-tools (bench/real-tools/pom.xml, at pre-integration-test), run under strace against nginx on loopback;
 * then {@code stressgate import} on each tool's own result file. The imported count equals nginx's access log, the
 * bench's gates hold, a gate above nginx's count breaks, and every connect() the tool made went to loopback. The plan,
 * the simulation, gatling.conf and the gates are bench/real-tools' own, which run.sh uses too.
 */
class RealToolsImportIT {
    private static final Path BENCH = Path.of("../bench/real-tools").toAbsolutePath().normalize();
    private static final Path TOOLS = Path.of("target/real-tools").toAbsolutePath();
    private static final Path STRACE = Path.of("/usr/bin/strace");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final String MISSING_IS_404 = "location = /missing { return 404; }";
    private static final int JMETER_THREADS = 4;
    private static final int JMETER_LOOPS = 50;
    private static final int GATLING_USERS_PER_SECOND = 20;
    private static final int GATLING_SECONDS = 5;
    private static final String AT_SERVER_COUNT = """
            name: real tools at nginx's count
            gates:
              - http.requests == ${SERVED}
              - http.requests > ${SERVED}
            """;

    @TempDir
    Path dir;

    private final List<Process> tools = new ArrayList<>();
    private long toolNanos;

    @AfterEach
    void stopTools() throws InterruptedException {
        for (Process tool : tools) {
            stop(tool);
        }
    }

    @Test
    void shouldImportEveryRequestRealJMeterSentAndGateIt() throws Exception {
        Path launcher = tool("jmeter/bin/ApacheJMeter.jar");
        Files.createDirectories(TOOLS.resolve("jmeter/lib/junit")); // JMeter scans it at start, and stack-traces if missing
        try (Nginx nginx = Nginx.start(Files.createDirectories(dir.resolve("nginx-jmeter")), List.of("127.0.0.1"), MISSING_IS_404);
             CliRunner cli = new CliRunner(dir)) {
            Path jtl = dir.resolve("jmeter.jtl");
            List<ConnectTrace.Connect> connects = runTraced("jmeter", List.of("-jar", launcher.toString(), "-n",
                    "-t", BENCH.resolve("jmeter/plan.jmx").toString(), "-l", jtl.toString(), "-j", dir.resolve("jmeter.log").toString(),
                    "-Jhost=127.0.0.1", "-Jport=" + nginx.port(), "-Jthreads=" + JMETER_THREADS, "-Jloops=" + JMETER_LOOPS));

            long served = nginx.requestsLogged();
            assertThat(served).as("a closed plan: threads x loops x its two requests").isEqualTo(JMETER_THREADS * JMETER_LOOPS * 2L);
            assertImportedAndGated(cli, "jmeter", jtl, served, "--tool-version", "5.6.3");
            assertOnlyLoopback(connects, nginx.port());
            report("jmeter", served, connects, -1);
        }
    }

    @Test
    void shouldImportEveryRequestRealGatlingSentAndProveItStayedOnLoopback() throws Exception {
        List<Path> jars = jars(tool("gatling/lib"));
        Path classes = compileSimulation(jars);
        int closedPort = closedPort();
        try (Nginx nginx = Nginx.start(Files.createDirectories(dir.resolve("nginx-gatling")), List.of("127.0.0.1"), MISSING_IS_404);
             CliRunner cli = new CliRunner(dir)) {
            String proxy = "127.0.0.1";
            List<ConnectTrace.Connect> connects = runTraced("gatling", List.of(
                    "-Dhttp.proxyHost=" + proxy, "-Dhttp.proxyPort=" + closedPort, "-Dhttps.proxyHost=" + proxy, "-Dhttps.proxyPort=" + closedPort,
                    "-Dtarget=http://127.0.0.1:" + nginx.port(), "-Drate=" + GATLING_USERS_PER_SECOND, "-Dseconds=" + GATLING_SECONDS,
                    "-cp", String.join(File.pathSeparator, BENCH.resolve("gatling/conf").toString(), classes.toString(),
                            TOOLS.resolve("gatling/lib/*").toString()),
                    "io.gatling.app.Gatling", "-s", "ImportSimulation", "-rf", dir.resolve("gatling-results").toString(), "-nr"));

            Path log = simulationLog(dir.resolve("gatling-results"));
            long served = nginx.requestsLogged();
            assertThat(served).as("an open model of users/s for seconds, each user two requests")
                    .isEqualTo(GATLING_USERS_PER_SECOND * GATLING_SECONDS * 2L);
            assertImportedAndGated(cli, "gatling", log, served);
            assertOnlyLoopback(connects, nginx.port());
            assertThat(connects).as("its release check went to the closed proxy port").anyMatch(c -> c.port() == closedPort);
            assertThat(dir.resolve("gatling.out")).content().contains("Failed to fetch latest release from maven central");
            report("gatling", served, connects, closedPort);
        }
    }

    /** The bench's gates hold on the import; of two gates at nginx's count, {@code ==} holds and {@code >} breaks. */
    private void assertImportedAndGated(CliRunner cli, String format, Path file, long served, String... options) throws Exception {
        RunResults passing = importFile(cli, format, file, format + "-bench", BENCH.resolve("gates.yml"), ExitCodes.PASSED, options);
        assertThat(passing.imported().requests()).as("imported against nginx's access log").isEqualTo(served);
        assertThat(passing.all().requests()).isEqualTo(served);
        assertThat(passing.imported().complete()).as(passing.imported().reason()).isTrue();
        assertThat(passing.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(passing.gates()).extracting(GateResult::expression).contains("http{name=missing}.error_rate == 100%");
        assertThat(passing.gates()).allMatch(GateResult::passed);

        Path atCount = Files.writeString(dir.resolve(format + "-at-count.yml"), AT_SERVER_COUNT, StandardCharsets.UTF_8);
        List<String> withServed = new ArrayList<>(List.of(options));
        withServed.addAll(List.of("--var", "SERVED=" + served));
        RunResults breaking = importFile(cli, format, file, format + "-at-count", atCount, ExitCodes.FAILED, withServed.toArray(String[]::new));
        assertThat(breaking.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(breaking.gates()).filteredOn(g -> "http.requests".equals(g.metric()))
                .extracting(GateResult::actual, GateResult::limit, GateResult::passed)
                .containsExactly(tuple((double) served, (double) served, true),
                        tuple((double) served, (double) served, false));
    }

    private RunResults importFile(CliRunner cli, String format, Path file, String out, Path gates, int exitCode, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("import", format, file.toString(), "--out", out, "--gates", gates.toString()));
        args.addAll(List.of(options));
        CliRunner.Outcome o = cli.run(Map.of(), args.toArray(String[]::new));
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(exitCode);
        return new ResultsReader().read(dir.resolve(out).resolve("results.json"));
    }

    private static void assertOnlyLoopback(List<ConnectTrace.Connect> connects, int targetPort) {
        assertThat(connects).as("the trace saw the connections to nginx").anyMatch(c -> c.port() == targetPort);
        assertThat(connects).as("connects that left loopback").allMatch(ConnectTrace.Connect::loopback);
    }

    private void report(String tool, long served, List<ConnectTrace.Connect> connects, int proxyPort) {
        String proxied = proxyPort < 0 ? "" : ", " + connects.stream().filter(c -> c.port() == proxyPort).count() + " to the closed proxy port";
        System.out.printf("RealToolsImportIT: %s ran %.1f s; nginx served %d = imported; %d connects, all loopback%s%n",
                tool, toolNanos / 1e9, served, connects.size(), proxied);
    }

    /** Runs the tool's JVM under strace until it ends (stopped by pid after TOOL_TIMEOUT) and returns its connects. */
    private List<ConnectTrace.Connect> runTraced(String name, List<String> javaArgs) throws Exception {
        assertThat(Files.isExecutable(STRACE)).as("strace sees every connect() (test.sh installs it)").isTrue();
        Path trace = dir.resolve(name + "-connect.trace");
        Path output = dir.resolve(name + ".out");
        List<String> argv = new ArrayList<>(List.of(STRACE.toString(), "--seccomp-bpf", "-f", "-qq", "-e", "trace=connect",
                "-o", trace.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
        argv.addAll(javaArgs);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        tools.add(p);
        if (!p.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stop(p);
            throw new AssertionError(name + " did not end within " + TOOL_TIMEOUT + ": " + tail(output));
        }
        toolNanos = System.nanoTime() - start;
        assertThat(p.exitValue()).as(name + " exit code; its output: " + tail(output)).isZero();
        return ConnectTrace.read(trace);
    }

    /** Stops the process and everything under it, by pid, the children first so none is left behind reparented. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    /** ImportSimulation compiled here against Gatling's jars (javac reads them; nothing of Gatling loads in this JVM). */
    private Path compileSimulation(List<Path> jars) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("gatling-classes"));
        String classpath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-cp", classpath,
                "-d", classes.toString(), "-proc:none", BENCH.resolve("gatling/ImportSimulation.java").toString());
        assertThat(code).as("javac ImportSimulation.java: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return classes;
    }

    private static Path tool(String relative) {
        Path path = TOOLS.resolve(relative);
        assertThat(path).as("laid out by the build before integration-test (bench/real-tools/pom.xml); "
                + "delete target/real-tools to fetch again").exists();
        return path;
    }

    private static List<Path> jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            assertThat(jars).as("jars in " + lib).isNotEmpty();
            return jars;
        }
    }

    private static Path simulationLog(Path results) throws IOException {
        try (Stream<Path> files = Files.find(results, 3, (f, a) -> f.getFileName().toString().equals("simulation.log"))) {
            List<Path> logs = files.toList();
            assertThat(logs).as("Gatling's simulation.log under " + results).hasSize(1);
            return logs.get(0);
        }
    }

    /** A loopback port nothing listens on: bound by the system, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 3000));
    }
}
