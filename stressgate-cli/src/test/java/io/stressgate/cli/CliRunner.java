package io.stressgate.cli;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code stressgate} as the pipeline steps do, in its own JVM, and starts the processes a test aims at. Every
 * process started is stopped by pid when the test ends, including those found by the test's unique cookie.
 */
final class CliRunner implements AutoCloseable {
    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();

    CliRunner(Path dir) {
        this.dir = dir;
    }

    /** How a command ended. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** The argument array that runs the command line tool. */
    static List<String> command(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    Outcome run(Map<String, String> env, String... args) throws Exception {
        return runCommand(command(args), env);
    }

    Outcome runCommand(List<String> argv, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("stressgate " + argv + " did not end within 90s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    Process start(List<String> argv, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).directory(dir.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /** Starts a command that runs until stopped, its stdout and stderr both into {@code console}; stopped by pid at the end. */
    Process startWithConsole(List<String> argv, Path console) throws Exception {
        Process p = new ProcessBuilder(argv).redirectOutput(console.toFile()).redirectErrorStream(true)
                .directory(dir.toFile()).start();
        started.add(p);
        return p;
    }

    /** Stops at the end every process carrying this cookie in STRESSGATE_RUN or JENKINS_NODE_COOKIE. */
    void trackCookie(String cookie) {
        cookies.add(cookie);
    }

    static List<Long> withCookie(String cookie) {
        ProcFs proc = ProcFs.system();
        List<Long> pids = new ArrayList<>();
        for (long pid : proc.pids()) {
            if (proc.environ(pid, CommandRunner.COOKIE_VARIABLES).containsValue(cookie)) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /**
     * The one process carrying the cookie once a daemon started with {@code setsid -f} has become its program: a scan
     * taken while its forked child still runs setsid (or execs) can miss it, so the pid comes from the scan that found
     * it, after the child's program is no longer setsid.
     */
    static long awaitDaemon(String cookie, java.time.Duration timeout) throws InterruptedException {
        long[] found = {-1};
        boolean seen = await(() -> {
            List<Long> pids = withCookie(cookie);
            found[0] = pids.size() == 1 ? pids.get(0) : -1;
            return found[0] > 0 && ProcessHandle.of(found[0]).flatMap(h -> h.info().command())
                    .filter(c -> !c.endsWith("/setsid")).isPresent();
        }, timeout);
        if (!seen) {
            throw new AssertionError("no single daemon carrying " + cookie + " within " + timeout + ": " + withCookie(cookie));
        }
        return found[0];
    }

    /** A started loopback HTTP target that answers every request 200 with no body; the caller stops it. */
    static com.sun.net.httpserver.HttpServer okTarget() throws java.io.IOException {
        com.sun.net.httpserver.HttpServer target = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
        target.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        return target;
    }

    static boolean await(java.util.function.BooleanSupplier condition, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> handles = new ArrayList<>();
        for (String cookie : cookies) {
            withCookie(cookie).forEach(pid -> ProcessHandle.of(pid).ifPresent(handles::add));
        }
        for (Process p : started) {
            p.descendants().forEach(handles::add);
            handles.add(p.toHandle());
        }
        handles.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : handles) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }
}
