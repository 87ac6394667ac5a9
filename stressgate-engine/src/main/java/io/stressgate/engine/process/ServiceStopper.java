package io.stressgate.engine.process;

import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops the replicas of one service: its stop command if it has one, then its signal to each replica's process
 * tree and process group (when the replica leads a group of its own), then KILL after the grace period.
 */
final class ServiceStopper {
    private final ProcFs proc;
    private final CommandRunner runner;
    private final TreeTerminator terminator;
    private final long ownPgid;

    ServiceStopper(ProcFs proc, CommandRunner runner, TreeTerminator terminator) {
        this.proc = proc;
        this.runner = runner;
        this.terminator = terminator;
        this.ownPgid = proc.stat(ProcessHandle.current().pid()).map(ProcStat::pgid).orElse(-1L);
    }

    /** Whether the service stopped without KILL or failures, and what happened. */
    record Stopped(boolean clean, String message) {
    }

    Stopped stop(List<ServiceReplica> replicas) throws InterruptedException {
        if (replicas.isEmpty()) {
            return new Stopped(true, "nothing was started");
        }
        replicas.forEach(ServiceReplica::markStopping);
        ServiceSpec.StopSpec stop = replicas.get(0).spec().stop();
        List<String> problems = new ArrayList<>();
        replicas.stream().filter(r -> !r.alive()).forEach(r -> problems.add("replica " + r.index() + " "
                + r.exitDescription() + " before the stop"));
        if (!stop.command().isEmpty()) {
            for (ServiceReplica r : replicas) {
                List<String> argv = stop.command().stream().map(r::fill).toList();
                CommandRunner.Result result = runner.run(argv, stop.grace().isZero() ? java.time.Duration.ofSeconds(1)
                        : stop.grace(), Map.of(), CommandRunner.COOKIE_VARIABLES);
                if (!result.succeeded()) {
                    problems.add("stop command " + argv + " " + result.describe());
                }
            }
        }
        long start = System.nanoTime();
        Targets targets = targets(replicas);
        TreeTerminator.Termination done = terminator.terminate(targets.keys(), Signal.parse(stop.signal()), stop.grace(),
                targets.groups());
        for (ServiceReplica r : replicas) {
            r.process().waitFor(2, TimeUnit.SECONDS); // lets the exit callback record the code
        }
        return new Stopped(problems.isEmpty() && done.clean(), describe(stop, done, problems, System.nanoTime() - start));
    }

    private record Targets(List<ProcessKey> keys, List<TreeTerminator.Group> groups) {
    }

    private Targets targets(List<ServiceReplica> replicas) {
        ProcessTable table = proc.table();
        Set<ProcessKey> keys = new LinkedHashSet<>();
        List<TreeTerminator.Group> groups = new ArrayList<>();
        for (ServiceReplica r : replicas) {
            ProcessKey key = r.key();
            if (key == null || !r.alive() || !table.alive(key)) {
                continue;
            }
            keys.add(key);
            table.descendants(key.pid()).forEach(s -> keys.add(s.key()));
            long pgid = table.get(key.pid()).map(ProcStat::pgid).orElse(-1L);
            if (pgid == key.pid() && pgid != ownPgid) {
                List<ProcessKey> members = table.group(pgid).stream().map(ProcStat::key).toList();
                keys.addAll(members);
                groups.add(new TreeTerminator.Group(pgid, key, members));
            }
        }
        return new Targets(List.copyOf(keys), groups);
    }

    private static String describe(ServiceSpec.StopSpec stop, TreeTerminator.Termination done, List<String> problems, long nanos) {
        List<String> parts = new ArrayList<>(problems);
        String took = Quantities.format(java.time.Duration.ofMillis(nanos / 1_000_000));
        if (!done.killed().isEmpty()) {
            parts.add(done.killed().size() + " process(es) ignored " + stop.signal() + " for " + Quantities.format(stop.grace())
                    + " and were killed: pids " + pids(done.killed()));
        }
        if (!done.survived().isEmpty()) {
            parts.add(done.survived().size() + " process(es) survived KILL: pids " + pids(done.survived()));
        }
        if (parts.isEmpty()) {
            parts.add("stopped with " + stop.signal() + " in " + took);
        }
        return String.join("; ", parts);
    }

    private static String pids(List<ProcessKey> keys) {
        return keys.stream().map(k -> Long.toString(k.pid())).collect(Collectors.joining(", "));
    }
}
