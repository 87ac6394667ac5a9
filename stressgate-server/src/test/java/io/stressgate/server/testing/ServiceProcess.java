package io.stressgate.server.testing;

import io.stressgate.server.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own (the test classpath, {@link ServerMain}) on a loopback port, so a test can kill it
 * with SIGKILL. Its output goes to a log file; {@link #kill()} and {@link #close()} stop it by pid.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(Path data, Path log, String... extra) throws IOException, InterruptedException {
        Path portFile = data.resolveSibling(data.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", classpath(), ServerMain.class.getName(),
                "--data", data.toString(), "--port", "0", "--port-file", portFile.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the service did not start (exit " + (process.isAlive() ? "none" : process.exitValue())
                        + "); log " + log + ":\n" + tail(log));
            }
            Thread.sleep(20);
        }
        return new ServiceProcess(process, Integer.parseInt(Files.readString(portFile).trim()), log);
    }

    /** The full test classpath: surefire and failsafe keep it in a property when they launch through a manifest jar. */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already on disk. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, then SIGKILL when it has not stopped within the timeout; returns the exit code. */
    public int stop(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            kill();
        }
        return process.exitValue();
    }

    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
