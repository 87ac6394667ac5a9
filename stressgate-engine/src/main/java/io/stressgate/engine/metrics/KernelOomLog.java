package io.stressgate.engine.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pids the kernel log says the OOM killer ended ({@code Killed process N}, {@code oom-kill:...,pid=N}) at or
 * after a time since boot, read with {@code dmesg} (which may be refused to non-root users by
 * {@code kernel.dmesg_restrict}). Reading is separate from parsing, which is tested on text fixtures.
 */
final class KernelOomLog {
    private static final Pattern STAMP = Pattern.compile("^\\[\\s*(\\d{1,12}(?:\\.\\d{1,9})?)\\]");
    private static final Pattern KILLED = Pattern.compile("Killed process (\\d{1,10})");
    private static final Pattern OOM_KILL = Pattern.compile("oom-kill:.*?\\bpid=(\\d{1,10})");
    private static final long TIMEOUT_SECONDS = 5;

    private final List<String> command;

    KernelOomLog(List<String> command) {
        this.command = List.copyOf(command);
    }

    static KernelOomLog forThisMachine() {
        return new KernelOomLog(List.of("dmesg"));
    }

    /** What the log says, or why it could not be read. */
    record Reading(Set<Long> killed, String error) {
    }

    /** The pids OOM-killed at or after {@code sinceBootSeconds}, by running the log command with a time limit. */
    Reading killedSince(double sinceBootSeconds) {
        Path out = null;
        try {
            out = Files.createTempFile("stressgate-kernel-log", ".txt");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Reading(Set.of(), String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return new Reading(Set.of(), String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + text.strip().lines().findFirst().orElse(""));
            }
            return new Reading(parse(text, sinceBootSeconds), null);
        } catch (IOException e) {
            return new Reading(Set.of(), "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(Set.of(), "interrupted while reading the kernel log");
        } finally {
            deleteQuietly(out);
        }
    }

    /** The OOM-killed pids in dmesg text, from lines stamped at or after {@code sinceBootSeconds}. */
    static Set<Long> parse(String text, double sinceBootSeconds) {
        Set<Long> pids = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            Matcher stamp = STAMP.matcher(line);
            if (stamp.find() && Double.parseDouble(stamp.group(1)) < sinceBootSeconds) {
                continue;
            }
            Matcher m = KILLED.matcher(line);
            if (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
            m = OOM_KILL.matcher(line);
            if (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
        }
        return pids;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind costs nothing worth failing the run for; the next boot clears it
            file.toFile().deleteOnExit();
        }
    }
}
