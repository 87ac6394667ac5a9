package io.stressgate.engine.process;

import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.ServiceSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica of a service: its current process, when it started and ended, and how often it was restarted.
 * Thread-safe: the exit callback, the restart scheduler, chaos and the stopping run all reach it.
 */
final class ServiceReplica {
    private static final int MAX_EXITS_KEPT = 1_000;
    private static final Pattern REPLICA = Pattern.compile("\\{\\{\\s*replica\\s*}}");

    private final ServiceSpec spec;
    private final int index;
    private final Path log;
    private final Launcher launcher;
    private Process process;
    private ProcessKey key;
    private long startedNanos;
    private long logOffset;
    private Long exitedNanos;
    private Integer exitCode;
    private int restarts;
    private boolean stopping;
    private final Map<Long, Integer> exitCodes = new LinkedHashMap<>();

    /** What every replica shares: the run cookie, the setsid program if any, /proc, and the exit callback. */
    record Launcher(String runCookie, Optional<Path> setsid, ProcFs proc, Consumer<ServiceReplica> onUnexpectedExit) {
    }

    ServiceReplica(ServiceSpec spec, int index, Path log, Launcher launcher) {
        this.spec = spec;
        this.index = index;
        this.log = log;
        this.launcher = launcher;
    }

    /** Starts the replica's process in its own session and process group, with the run cookie in its environment. */
    synchronized ProcessKey start() throws IOException {
        List<String> argv = new ArrayList<>();
        launcher.setsid().ifPresent(p -> argv.add(p.toString()));
        spec.command().forEach(a -> argv.add(fill(a)));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (spec.workdir() != null) {
            File dir = new File(fill(spec.workdir()));
            if (!dir.isDirectory()) {
                throw new IOException("the working directory " + dir + " does not exist");
            }
            builder.directory(dir);
        }
        Map<String, String> env = builder.environment();
        spec.env().forEach((k, v) -> env.put(k, fill(v)));
        env.put("STRESSGATE_RUN", launcher.runCookie());
        requireExecutable(fill(spec.command().get(0)), builder.directory(), env.get("PATH"));
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        Process started = builder.start();
        process = started;
        startedNanos = System.nanoTime();
        exitedNanos = null;
        exitCode = null;
        key = launcher.proc().stat(started.pid()).map(ProcStat::key).orElse(new ProcessKey(started.pid(), -1));
        started.onExit().thenAccept(this::exited);
        return key;
    }

    /** Says clearly when the program does not exist, which setsid would otherwise report only as exit code 127. */
    private static void requireExecutable(String program, File workdir, String path) throws IOException {
        if (program.contains("/")) {
            Path file = workdir == null || Path.of(program).isAbsolute() ? Path.of(program) : workdir.toPath().resolve(program);
            if (!Files.isExecutable(file)) {
                throw new IOException("the program " + file + " does not exist or is not executable");
            }
            return;
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IOException("the program \"" + program + "\" is not on the PATH (" + path + ")");
    }

    private void exited(Process ended) {
        boolean unexpected;
        synchronized (this) {
            if (exitCodes.size() < MAX_EXITS_KEPT) {
                exitCodes.put(ended.pid(), ended.exitValue());
            }
            if (ended != process) {
                return;
            }
            exitedNanos = System.nanoTime();
            exitCode = ended.exitValue();
            unexpected = !stopping;
        }
        if (unexpected) {
            launcher.onUnexpectedExit().accept(this);
        }
    }

    /** Starts the replica again if its process has ended and the service is not being stopped. */
    synchronized Optional<ProcessKey> startAgainIfDead() throws IOException {
        if (stopping || process != null && process.isAlive()) {
            return Optional.empty();
        }
        restarts++;
        return Optional.of(start());
    }

    /** The exit code of a process this replica ran and that ended, if it was this replica's. */
    synchronized Optional<Integer> exitCodeOf(long pid) {
        return Optional.ofNullable(exitCodes.get(pid));
    }

    synchronized void markStopping() {
        stopping = true;
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized ProcessKey key() {
        return key;
    }

    synchronized Process process() {
        return process;
    }

    synchronized int restarts() {
        return restarts;
    }

    ServiceSpec spec() {
        return spec;
    }

    int index() {
        return index;
    }

    Path log() {
        return log;
    }

    /** The readiness probe of this replica, with {@code {{replica}}} filled in; empty without a check. */
    synchronized Optional<Probe> readiness(CommandRunner runner) {
        ServiceSpec.ReadinessCheck ready = spec.ready();
        String target = fill(ready.target());
        return switch (ready.kind()) {
            case NONE -> Optional.empty();
            case TCP -> Optional.of(Probe.tcp(target));
            case HTTP -> Optional.of(new Probe.Http(java.net.URI.create(target)));
            case LOG -> Optional.of(new Probe.LogLine(log, Pattern.compile(target), logOffset));
        };
    }

    synchronized ServiceReport.Replica report(long originNanos) {
        Long exitedMs = exitedNanos == null ? null : (exitedNanos - originNanos) / 1_000_000;
        return new ServiceReport.Replica(index, key == null ? -1 : key.pid(), (startedNanos - originNanos) / 1_000_000,
                exitedMs, exitCode, restarts);
    }

    synchronized String exitDescription() {
        return exitCode == null ? "is running" : "exited with code " + exitCode;
    }

    String fill(String text) {
        return REPLICA.matcher(text).replaceAll(Matcher.quoteReplacement(Integer.toString(index)));
    }
}
