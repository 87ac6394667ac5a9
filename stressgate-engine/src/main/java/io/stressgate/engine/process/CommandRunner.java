package io.stressgate.engine.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command as an argument array, never through a shell, with a time limit. Output goes to a temporary file
 * rather than a pipe, so a daemon the command leaves behind cannot block the caller by holding the pipe open; the
 * last few lines are kept for messages. On timeout the command and its descendants are killed.
 */
public final class CommandRunner {
    /** The variables that mark processes as belonging to a run or build; stripped where a process must not inherit them. */
    public static final Set<String> COOKIE_VARIABLES = Set.of("STRESSGATE_RUN", "JENKINS_NODE_COOKIE");
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final int TAIL_BYTES = 2048;

    private final Path tempDir;

    /** @param tempDir where output files are written (and deleted after reading) */
    public CommandRunner(Path tempDir) {
        this.tempDir = tempDir;
    }

    /** How a command ended: its exit code (null when it did not start or did not end in time) and its last output. */
    public record Result(List<String> command, Integer exitCode, boolean timedOut, String output, String error) {
        public boolean succeeded() {
            return exitCode != null && exitCode == 0;
        }

        /** One line for logs and reports. */
        public String describe() {
            String what = error != null ? error : timedOut ? "did not finish in time" : "exited with " + exitCode;
            return what + (output.isBlank() ? "" : ": " + output.strip().replace('\n', ' '));
        }
    }

    /**
     * Runs {@code argv} and waits up to {@code timeout}. {@code env} is added to the inherited environment and
     * {@code remove} taken out of it.
     */
    public Result run(List<String> argv, Duration timeout, Map<String, String> env, Set<String> remove) {
        return run(argv, timeout, env, remove, null);
    }

    /** Like {@link #run(List, Duration, Map, Set)}, in {@code workdir} (null: the tool's own). */
    public Result run(List<String> argv, Duration timeout, Map<String, String> env, Set<String> remove, Path workdir) {
        Path out = null;
        Process process = null;
        try {
            Files.createDirectories(tempDir);
            out = Files.createTempFile(tempDir, "command-", ".out");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workdir != null) {
                builder.directory(workdir.toFile());
            }
            builder.environment().keySet().removeAll(remove);
            builder.environment().putAll(env);
            process = builder.start();
            boolean finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return new Result(argv, finished ? process.exitValue() : null, !finished, tail(out), null);
        } catch (IOException e) {
            return new Result(argv, null, false, "", "could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return new Result(argv, null, false, "", "interrupted while waiting");
        } finally {
            deleteQuietly(out);
        }
    }

    private static void killTree(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file, e);
        }
    }
}
