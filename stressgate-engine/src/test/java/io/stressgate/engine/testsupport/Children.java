package io.stressgate.engine.testsupport;

import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.ProcFs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The processes a test starts, and every process they start in turn: all are stopped by pid when the test ends.
 * Processes the test did not start directly are tracked by pid (with the start time {@link ProcessHandle} keeps)
 * or by a cookie unique to the test.
 */
public final class Children implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> tracked = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private final Map<Process, BlockingQueue<String>> lines = new ConcurrentHashMap<>();

    /** Starts a test program from the test classes in a small JVM. */
    public Process java(Class<?> main, Map<String, String> env, String... args) throws Exception {
        return start(javaCommand(main, args), env);
    }

    /** The argument array that runs a test program in a small JVM. */
    public static List<String> javaCommand(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-cp", testClasses(), main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    public static String testClasses() {
        try {
            return Path.of(Children.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a command (an argument array) with extra environment; its stdout lines can be awaited. */
    public Process start(List<String> argv, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        lines.put(process, queue);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    queue.add(line);
                }
            } catch (java.io.IOException e) {
                queue.add("<output closed: " + e.getMessage() + ">");
            }
        }, "children-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** Waits for an output line starting with {@code prefix} and returns the rest of it. */
    public String awaitLine(Process process, String prefix, Duration timeout) throws InterruptedException {
        BlockingQueue<String> queue = lines.get(process);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline && seen.size() < 10_000) {
            String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
            seen.add(line);
        }
        throw new AssertionError("pid " + process.pid() + " printed no line starting with \"" + prefix + "\" within "
                + timeout + "; it printed " + seen);
    }

    /** Stops this process at the end of the test (by pid and start time). */
    public void track(long pid) {
        ProcessHandle.of(pid).ifPresent(tracked::add);
    }

    /** Stops at the end of the test every process carrying {@code STRESSGATE_RUN=cookie}, a cookie unique to the test. */
    public void trackCookie(String cookie) {
        cookies.add(cookie);
    }

    @Override
    public void close() throws InterruptedException {
        ProcFs proc = ProcFs.system();
        for (String cookie : cookies) {
            for (long pid : proc.pids()) {
                if (cookie.equals(proc.environ(pid, CommandRunner.COOKIE_VARIABLES).get("STRESSGATE_RUN"))) {
                    track(pid);
                }
            }
        }
        for (Process p : started) {
            p.descendants().forEach(tracked::add);
        }
        tracked.forEach(h -> {
            ProcessHandle.of(h.pid()).filter(now -> now.equals(h)).ifPresent(ProcessHandle::destroyForcibly);
        });
        started.forEach(Process::destroyForcibly);
        for (Process p : started) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : tracked) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    /** A cookie unique to one test. */
    public static String cookie() {
        return "test-" + java.util.UUID.randomUUID();
    }

    /** Polls until the condition holds, at most {@code timeout}; returns whether it held. */
    public static boolean await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** Stops a process a test started, by its pid: TERM, then KILL after 10 s; waits for it to end. */
    public static void stop(Process process) throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The pids of every process carrying {@code STRESSGATE_RUN=cookie}. */
    public static Set<Long> withCookie(String cookie) {
        ProcFs proc = ProcFs.system();
        Set<Long> pids = new java.util.TreeSet<>();
        for (long pid : proc.pids()) {
            if (cookie.equals(proc.environ(pid, CommandRunner.COOKIE_VARIABLES).get("STRESSGATE_RUN"))) {
                pids.add(pid);
            }
        }
        return pids;
    }
}
