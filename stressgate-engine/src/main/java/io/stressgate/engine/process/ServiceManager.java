package io.stressgate.engine.process;

import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services of a run, keeps them running when asked, and stops them at the end. Each replica runs from
 * its argument array (no shell) in its own session and process group (via {@code setsid} where installed), with
 * {@code STRESSGATE_RUN=<cookie>} in its environment so every descendant inherits it, and writes stdout and stderr
 * to {@code <logDir>/<service>-<replica>.log}. Times in reports count from {@code originNanos}.
 */
public final class ServiceManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceManager.class);
    private static final int MAX_RESTARTS = 100;
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path logDir;
    private final long originNanos;
    private final CommandRunner runner;
    private final ServiceStopper stopper;
    private final ServiceReplica.Launcher launcher;
    private final ScheduledExecutorService restarter;
    private final Map<String, List<ServiceReplica>> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Long> readyAfterMs = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String cancelled;
    private volatile boolean exitsExpected;
    private List<ServiceReport> stopped;

    public ServiceManager(Path logDir, String runCookie, long originNanos, ProcFs proc, CommandRunner runner) {
        this.logDir = logDir;
        this.originNanos = originNanos;
        this.runner = runner;
        this.stopper = new ServiceStopper(proc, runner, new TreeTerminator(proc, new SignalSender(proc, runner)));
        this.restarter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stressgate-service-restarter");
            t.setDaemon(true);
            return t;
        });
        Optional<Path> setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        if (setsid.isEmpty()) {
            LOG.warn("no setsid program at {}: services share the tool's process group", SETSID);
        }
        this.launcher = new ServiceReplica.Launcher(runCookie, setsid, proc, this::scheduleRestart);
    }

    /**
     * Starts every service in the order written and waits until each replica is ready, so a later service may
     * depend on an earlier one. On failure the services already started are stopped and the exception says why.
     */
    public void start(List<ServiceSpec> specs) throws ServiceException, InterruptedException {
        try {
            Files.createDirectories(logDir);
            for (ServiceSpec spec : specs) {
                startService(spec);
            }
        } catch (IOException e) {
            stop();
            throw new ServiceException("cannot start the services: " + e.getMessage(), e);
        } catch (ServiceException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startService(ServiceSpec spec) throws IOException, ServiceException, InterruptedException {
        if (cancelled != null) {
            throw new ServiceException("the start was cancelled before service " + spec.name() + " started: " + cancelled);
        }
        long start = System.nanoTime();
        List<ServiceReplica> replicas = new ArrayList<>();
        running.put(spec.name(), replicas);
        for (int i = 1; i <= spec.replicas(); i++) {
            ServiceReplica replica = new ServiceReplica(spec, i, logDir.resolve(spec.name() + "-" + i + ".log"), launcher);
            try {
                ProcessKey key = replica.start();
                LOG.info("started service {} replica {} as pid {}", spec.name(), i, key.pid());
            } catch (IOException e) {
                throw new ServiceException("service " + spec.name() + " replica " + i + " could not be started from "
                        + spec.command() + ": " + e.getMessage(), e);
            }
            replicas.add(replica);
        }
        for (ServiceReplica replica : replicas) {
            awaitReady(replica);
        }
        readyAfterMs.put(spec.name(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Gives up a start under way (a signal): the replica waiting to be ready stops waiting at its next probe and
     * {@link #start} fails with "the start was cancelled"; what already started is stopped as on any failure.
     */
    public void cancelStart(String reason) {
        cancelled = reason;
    }

    private void awaitReady(ServiceReplica replica) throws ServiceException, InterruptedException {
        Optional<Probe> probe = replica.readiness(runner);
        ServiceSpec.ReadinessCheck ready = replica.spec().ready();
        String who = "service " + replica.spec().name() + " replica " + replica.index();
        if (probe.isPresent() && Probe.await(probe.get(), ready.timeout(), ready.interval(),
                () -> cancelled == null && replica.alive()).isPresent()) {
            return;
        }
        if (cancelled != null) {
            throw new ServiceException("the start was cancelled before " + who + " was ready: " + cancelled);
        }
        if (!replica.alive()) {
            throw new ServiceException(who + " " + replica.exitDescription() + " before it was ready; see " + replica.log());
        }
        if (probe.isPresent()) {
            throw new ServiceException(who + " was not ready after " + Quantities.format(ready.timeout()) + " ("
                    + probe.get().describe() + "); see " + replica.log());
        }
    }

    private void scheduleRestart(ServiceReplica replica) {
        if (exitsExpected) {
            LOG.info("{} {}", replica.spec().name(), replica.exitDescription());
            return;
        }
        if (!replica.spec().restart()) {
            LOG.warn("service {} replica {} {} during the run", replica.spec().name(), replica.index(), replica.exitDescription());
            return;
        }
        if (replica.restarts() >= MAX_RESTARTS) {
            LOG.error("service {} replica {} died {} times; it is not restarted again", replica.spec().name(),
                    replica.index(), replica.restarts());
            return;
        }
        long delayMs = Math.min(5_000, 100L << Math.min(6, replica.restarts()));
        try {
            restarter.schedule(() -> restartNow(replica), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("the run is stopping; service {} replica {} is not restarted", replica.spec().name(), replica.index());
        }
    }

    private void restartNow(ServiceReplica replica) {
        try {
            replica.startAgainIfDead().ifPresent(k -> LOG.info("restarted service {} replica {} as pid {}",
                    replica.spec().name(), replica.index(), k.pid()));
        } catch (IOException e) {
            LOG.error("service {} replica {} could not be restarted: {}", replica.spec().name(), replica.index(), e.getMessage());
        }
    }

    /** The live processes of a service's replicas, in replica order (empty for an unknown service). */
    public List<ProcessKey> replicas(String service) {
        List<ServiceReplica> replicas = running.getOrDefault(service, List.of());
        return replicas.stream().filter(ServiceReplica::alive).map(ServiceReplica::key).toList();
    }

    /** The exit code of a service process that ended (128 + N when signal N ended it), if this manager started it. */
    public Optional<Integer> exitCode(long pid) {
        synchronized (running) {
            for (List<ServiceReplica> replicas : running.values()) {
                for (ServiceReplica r : replicas) {
                    Optional<Integer> code = r.exitCodeOf(pid);
                    if (code.isPresent()) {
                        return code;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Says that the processes started here end by themselves (a load tool): an end is no death, nor restarted. */
    public void expectExits() {
        exitsExpected = true;
    }

    /**
     * Waits up to {@code max} for the first replica of {@code service} to end (a tool run to its end rather than a
     * server); returns its exit code (128 + N when signal N ended it), or empty while it still runs.
     */
    public Optional<Integer> awaitExit(String service, Duration max) throws InterruptedException {
        List<ServiceReplica> replicas = running.getOrDefault(service, List.of());
        if (replicas.isEmpty()) {
            return Optional.empty();
        }
        Process process = replicas.get(0).process();
        if (!process.waitFor(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(process.exitValue());
    }

    /** The names of the services started, in order. */
    public List<String> services() {
        synchronized (running) {
            return List.copyOf(running.keySet());
        }
    }

    /**
     * Starts again the replica whose process was {@code killed}, once it has exited (waiting up to {@code wait});
     * returns the new process, or empty when it did not exit or was already restarted.
     */
    public Optional<ProcessKey> restart(String service, ProcessKey killed, Duration wait) throws InterruptedException, IOException {
        for (ServiceReplica replica : running.getOrDefault(service, List.of())) {
            if (killed.equals(replica.key())) {
                Process process = replica.process();
                if (!process.waitFor(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
                return replica.startAgainIfDead();
            }
        }
        return Optional.empty();
    }

    /** Stops every service, the last started first, and reports each. Safe to call more than once. */
    public synchronized List<ServiceReport> stop() throws InterruptedException {
        if (stopped != null) {
            return stopped;
        }
        restarter.shutdownNow();
        List<String> names = new ArrayList<>(services());
        Collections.reverse(names);
        Map<String, ServiceReport> reports = new LinkedHashMap<>();
        for (String name : names) {
            List<ServiceReplica> replicas = running.get(name);
            ServiceStopper.Stopped result = stopper.stop(replicas);
            reports.put(name, report(name, replicas, result));
        }
        List<ServiceReport> ordered = new ArrayList<>();
        services().forEach(n -> ordered.add(reports.get(n)));
        stopped = List.copyOf(ordered);
        return stopped;
    }

    private ServiceReport report(String name, List<ServiceReplica> replicas, ServiceStopper.Stopped result) {
        ServiceSpec spec = replicas.isEmpty() ? null : replicas.get(0).spec();
        List<ServiceReport.Replica> replicaReports = replicas.stream().map(r -> r.report(originNanos)).toList();
        return new ServiceReport(name, spec == null ? List.of() : spec.command(), replicaReports, readyAfterMs.get(name),
                result.clean(), result.message());
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
