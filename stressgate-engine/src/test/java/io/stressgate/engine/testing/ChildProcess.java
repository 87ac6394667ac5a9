package io.stressgate.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Workload} JVM started by a test. {@link #close()} stops it and every child it reported, by pid, with
 * SIGKILL, and waits for them to end.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final List<Long> grandchildren = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    public static ChildProcess start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx700m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Workload.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new ChildProcess(p);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a command and returns the pids in its answer (for {@code spawn}); fails after 30 s without answer. */
    public List<Long> send(String command) throws Exception {
        in.write(command + "\n");
        in.flush();
        String answer = CompletableFuture.supplyAsync(this::readLine).get(30, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith("ok")) {
            throw new IllegalStateException("workload answered " + answer + " to " + command);
        }
        List<Long> pids = Arrays.stream(answer.split(" ")).skip(1).map(Long::valueOf).toList();
        grandchildren.addAll(pids);
        return pids;
    }

    private String readLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read from workload pid " + pid(), e);
        }
    }

    @Override
    public void close() {
        // The grandchildren go first, while the workload still lives to reap them, so no zombie is left behind.
        for (Long pid : grandchildren) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Long pid : grandchildren) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        if (!process.onExit().orTimeout(10, TimeUnit.SECONDS).thenApply(p -> true).exceptionally(e -> false).join()) {
            throw new IllegalStateException("workload pid " + pid() + " survived SIGKILL for 10 s");
        }
    }
}
