package io.stressgate.engine.run;

import io.stressgate.engine.chaos.ChaosContext;
import io.stressgate.engine.chaos.ChaosExecutor;
import io.stressgate.engine.chaos.ChaosRunner;
import io.stressgate.engine.chaos.Restorer;
import io.stressgate.engine.chaos.TargetResolver;
import io.stressgate.engine.process.CommandRunner;
import io.stressgate.engine.process.LeakDetector;
import io.stressgate.engine.process.LogSafe;
import io.stressgate.engine.process.OrphanCriteria;
import io.stressgate.engine.process.OrphanDetector;
import io.stressgate.engine.process.OrphanReaper;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessFinder;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.ProcessTreeRecorder;
import io.stressgate.engine.process.ServiceException;
import io.stressgate.engine.process.ServiceManager;
import io.stressgate.engine.process.TreeTerminator;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ServiceReport;
import io.stressgate.engine.scenario.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a run uses to start, watch and hurt the system under test. Call, in this order:
 * <ol>
 *   <li>{@link #restoreLeftovers()}: restores what aborted runs left in the ledger (a FAILED event must fail the run);</li>
 *   <li>{@link #startServices()}: starts the services and waits until they are ready;</li>
 *   <li>{@link #snapshotBefore()}: remembers the processes, fds and ports before the load;</li>
 *   <li>{@link #startChaos(MetricSource, long)}: schedules the chaos actions from the load start;</li>
 *   <li>while the load runs, the sampler calls {@code treeRecorder().record(pids)} each tick with the pids it samples
 *       (see {@link #watchedPids()});</li>
 *   <li>{@link #stopChaos()}: cancels and restores; returns the chaos events;</li>
 *   <li>{@link #snapshotAfterLoad()}: what the watched processes hold after the load, while they still run;</li>
 *   <li>{@link #stopServices()}: stops the services; returns their reports;</li>
 *   <li>{@link #checkLeftovers()}: waits the orphan grace, reports orphans (reaping them if asked) and leaks;</li>
 *   <li>{@link #close()} in a finally: the safety net, idempotent (a shutdown hook calls it too).</li>
 * </ol>
 * Every time reported counts from {@code originNanos}, a {@link System#nanoTime()} value taken when the run began.
 */
public final class SystemHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemHarness.class);

    private final SystemUnderTest system;
    private final HarnessSettings settings;
    private final ProcFs proc;
    private final long originNanos;
    private final ServiceManager services;
    private final ProcessTreeRecorder recorder;
    private final TargetResolver resolver;
    private final Restorer restorer;
    private final ChaosRunner chaos;
    private final OrphanDetector orphans;
    private final OrphanReaper reaper;
    /** The orphan check just before the services stop: what their stop ends must still be reported. */
    private OrphanDetector.Findings orphanedBeforeStop;
    private final LeakDetector leaks = new LeakDetector(ProcFs.system());
    private final Thread hook = new Thread(this::closeFromHook, "stressgate-harness-shutdown");
    private boolean hookInstalled;
    private Map<ProcessKey, LeakDetector.Holding> leaksBefore;
    private Map<ProcessKey, LeakDetector.Holding> leaksAfter;
    private List<ServiceReport> serviceReports;

    public SystemHarness(SystemUnderTest system, HarnessSettings settings, Clock clock, long originNanos) {
        this.system = system;
        this.settings = settings;
        this.proc = ProcFs.system();
        this.originNanos = originNanos;
        long selfPid = ProcessHandle.current().pid();
        Path tmp = settings.outputDir().resolve("tmp");
        this.services = new ServiceManager(settings.outputDir().resolve("services"), settings.runCookie(), originNanos, proc,
                new CommandRunner(tmp));
        ChaosContext context = ChaosContext.forThisProcess(settings.stateDir(), tmp, settings.environment(), settings.workdir(),
                services, clock, settings.commandTimeout(), originNanos);
        this.restorer = context.restorer();
        this.recorder = new ProcessTreeRecorder(proc);
        this.resolver = new TargetResolver(system, services, new ProcessFinder(proc, selfPid), proc);
        this.chaos = new ChaosRunner(system.chaos(), new ChaosExecutor(context), resolver, this::recordTrees,
                settings.dryRun(), settings.pollInterval(), settings.commandTimeout().multipliedBy(2));
        OrphanCriteria criteria = new OrphanCriteria(Set.of(settings.runCookie()), OrphanCriteria.inherited(settings.environment()),
                system.orphans().pattern(), Set.of(), true);
        this.orphans = new OrphanDetector(proc, criteria, recorder, selfPid);
        int uid = proc.process(selfPid).map(ProcessInfo::uid).orElse(-1);
        this.reaper = new OrphanReaper(proc, new TreeTerminator(proc, context.sender()), uid);
    }

    /** Restores what runs that ended without restoring left in the ledger, as events of action {@code restore}. */
    public List<ChaosEvent> restoreLeftovers() throws IOException {
        List<ChaosEvent> events = new ArrayList<>();
        for (Restorer.Restored r : restorer.restoreLeftovers()) {
            events.add(new ChaosEvent(r.entry().name(), "restore", (System.nanoTime() - originNanos) / 1_000_000,
                    "left by pid " + r.entry().owner().pid() + " at " + r.entry().recordedAt(), null, List.of(),
                    r.ok() ? ChaosEvent.Outcome.DONE : ChaosEvent.Outcome.FAILED, r.message(), null, r.took().toMillis()));
        }
        return events;
    }

    /** Starts every service and waits until it is ready; on failure what was started is stopped again. */
    public void startServices() throws ServiceException, InterruptedException {
        installHook();
        services.start(system.services());
    }

    /** A signal during {@link #startServices()}: the wait for readiness ends at once and the start fails. */
    public void cancelServiceStart(String reason) {
        services.cancelStart(reason);
    }

    /** Remembers what runs and what the watched processes hold before the load. */
    public void snapshotBefore() {
        recordTrees();
        orphans.before();
        leaksBefore = leaks.snapshot(watchedKeys());
    }

    /** Starts chaos; {@code at} offsets count from {@code loadStartNanos}, a {@link System#nanoTime()} value. */
    public void startChaos(MetricSource metrics, long loadStartNanos) {
        installHook();
        chaos.start(metrics, loadStartNanos);
    }

    /** The recorder the sampler feeds each tick with the pids it watches. */
    public ProcessTreeRecorder treeRecorder() {
        return recorder;
    }

    /** The pids of every watched group now (services with their descendants); one scan of /proc per call. */
    public Map<String, List<Long>> watchedPids() {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        resolver.watched().forEach((group, list) -> pids.put(group, list.stream().map(ProcessInfo::pid).toList()));
        return pids;
    }

    /**
     * The members of every watched group now. A group that includes descendants (a service, a selector with
     * {@code tree}) keeps its top processes, those whose parent is not in the same group: the sampler adds the
     * descendants itself. A selector without {@code tree} keeps every match, so that processes sharing a command
     * line with their parent (Celery's prefork children) are members, and one recycled is a restart. One scan of
     * /proc per call.
     */
    public Map<String, java.util.Set<Long>> watchedRoots() {
        Map<String, java.util.Set<Long>> roots = new LinkedHashMap<>();
        resolver.watchedRoots().forEach((group, list) -> {
            java.util.Set<Long> all = new java.util.HashSet<>();
            list.forEach(p -> all.add(p.pid()));
            boolean tree = system.process(group).map(io.stressgate.engine.scenario.ProcessSelector::tree).orElse(true);
            java.util.Set<Long> top = new java.util.LinkedHashSet<>();
            list.stream().filter(p -> !tree || !all.contains(p.stat().ppid())).forEach(p -> top.add(p.pid()));
            roots.put(group, java.util.Set.copyOf(top));
        });
        return roots;
    }

    /** The exit code of a service process that ended, when this run started it (128 + N for signal N). */
    public java.util.Optional<Integer> exitCode(long pid) {
        return services.exitCode(pid);
    }

    /** Stops chaos: nothing more fires, pauses end, stops are restored. Returns every chaos event. */
    public List<ChaosEvent> stopChaos() throws InterruptedException {
        return chaos.stop();
    }

    /** What the watched processes hold once the load is over, taken while they still run. */
    public void snapshotAfterLoad() {
        recordTrees();
        leaksAfter = leaks.snapshot(watchedKeys());
    }

    /** Stops every service; returns their reports. */
    public List<ServiceReport> stopServices() throws InterruptedException {
        recordTrees();
        if (system.orphans().enabled()) {
            orphanedBeforeStop = orphans.check();
        }
        serviceReports = services.stop();
        return serviceReports;
    }

    /** Orphans after the grace period (reaped if the scenario asks), and leaks; the reports the results need. */
    public Leftovers checkLeftovers() throws InterruptedException {
        LeakReport leakReport = null;
        if (leaksBefore != null && !leaksBefore.isEmpty()) {
            leakReport = leaks.compare(leaksBefore, leaksAfter != null ? leaksAfter : leaks.snapshot(watchedKeys()));
        }
        if (!system.orphans().enabled()) {
            return new Leftovers(0, List.of(), leakReport);
        }
        Thread.sleep(system.orphans().grace().toMillis());
        OrphanDetector.Findings found = orphanedBeforeStop == null ? orphans.check()
                : orphans.check().withEndedSince(orphanedBeforeStop);
        List<OrphanReport> reports = found.orphans();
        if (system.orphans().reap() && !reports.isEmpty()) {
            reports = reaper.reap(found, settings.reapGrace());
        }
        reports.forEach(o -> LOG.warn("orphan: pid {} ({}) {}: {}", o.pid(), LogSafe.text(o.command()), o.why(), LogSafe.text(o.detail())));
        return new Leftovers(found.checked(), reports, leakReport);
    }

    /** What the run left behind: how many processes were checked, the orphans, and the leaks (null: nothing watched). */
    public record Leftovers(int checked, List<OrphanReport> orphans, LeakReport leaks) {
        public Leftovers {
            orphans = List.copyOf(orphans);
        }
    }

    /** Stops chaos and services if still running and restores whatever this run still owes. Idempotent. */
    @Override
    public void close() {
        try {
            chaos.stop();
            if (serviceReports == null) {
                serviceReports = services.stop();
            }
            restorer.restoreMine().stream().filter(r -> !r.ok()).forEach(r -> LOG.error("{}", LogSafe.text(r.message())));
        } catch (IOException e) {
            LOG.error("the restore ledger could not be read while closing: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while closing; what is not restored stays in the ledger for the next run");
        } finally {
            removeHook();
        }
    }

    private void recordTrees() {
        try {
            List<Long> pids = new ArrayList<>();
            resolver.watched().values().forEach(list -> list.forEach(p -> pids.add(p.pid())));
            recorder.record(pids);
        } catch (RuntimeException e) {
            LOG.warn("the process trees could not be recorded: {}", e.toString());
        }
    }

    private Map<String, List<ProcessKey>> watchedKeys() {
        Map<String, List<ProcessKey>> keys = new LinkedHashMap<>();
        resolver.watched().forEach((group, list) -> keys.put(group, list.stream().map(ProcessInfo::key).toList()));
        return keys;
    }

    private synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(hook);
            hookInstalled = true;
        }
    }

    private synchronized void removeHook() {
        if (hookInstalled && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("the JVM is shutting down; the hook stays");
            }
            hookInstalled = false;
        }
    }

    private void closeFromHook() {
        LOG.warn("the run ends abnormally: stopping chaos and services and restoring what chaos stopped");
        close();
    }
}
