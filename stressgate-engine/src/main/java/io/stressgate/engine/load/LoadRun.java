package io.stressgate.engine.load;

import io.stressgate.engine.result.BreakingPoint;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.PhaseSummary;
import io.stressgate.engine.result.TimeSeries;
import io.stressgate.engine.scenario.ExecutorSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.tasks.JobEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load run in progress: the control thread starts phases when they are due, ends them after their graceful
 * stop, merges the loops' figures each interval, and stops everything when asked.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final long STOP_DRAIN_MAX_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long PRECONNECT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The agreed start is waited for by sleeping until this close to it, then in fine steps. */
    private static final long FINE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long FINE_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long COARSE_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** What the warm-up's end (its loops cleared) is given before the connections open. */
    private static final long WARMUP_END_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Clock clock;
    private final Scenario scenario;
    private final int loopCount;
    private final LoadListener listener;
    private final List<String> names;
    private final CheckTable checks;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<PhaseControl> phases = new ArrayList<>();
    private final LinkedBlockingQueue<StatsBook.Snapshot> snapshots = new LinkedBlockingQueue<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final GeneratorMeter meter;
    private final Aggregator aggregator;
    private final Function<String, JobEvents> jobs;
    private final AtomicLong warmupExchanges = new AtomicLong();
    private volatile boolean warming;
    private volatile String stopReason;
    private volatile boolean hurried;
    private long stopDeadline;
    private long startNanos;
    private int preconnected;
    private Instant startedAt;
    private LoadReport report;
    private RuntimeException failure;
    private TlsProfiles tls;
    private volatile MetricSource samplers = metric -> MetricValue.missing("the run samples no queues");

    LoadRun(Clock clock, Scenario scenario, Function<String, JobEvents> jobs, int loopCount, LoadListener listener) {
        this.clock = clock;
        this.scenario = scenario;
        this.jobs = jobs;
        this.loopCount = loopCount;
        this.listener = listener;
        this.names = new ArrayList<>(scenario.requestNames());
        this.checks = new CheckTable(names, scenario.load());
        this.aggregator = new Aggregator(names, checks, loopCount, scenario.options().interval().toNanos());
        this.meter = new GeneratorMeter(loopCount);
    }

    /**
     * Warms up, opens the connections the open phases want, and starts the clock: at once, or, given {@code startAt}
     * (the agreed start of a sharded run), at that instant of {@link #clock}, never before it, so that shards whose
     * clocks agree begin their load together whatever each spent on getting ready. A stop asked meanwhile ends the
     * wait.
     */
    public void begin(Instant startAt) {
        Transport transport = Transport.of(scenario.options().transport(), System.getenv());
        Map<String, Origin> origins = origins(transport);
        ClientRules client = new ClientRules(scenario.options().client(), origins, clock);
        for (int i = 0; i < scenario.load().size(); i++) {
            LoadPhase p = scenario.load().get(i);
            CompiledFlow flow = new CompiledFlow(p.flow(), names::indexOf, checks, origins, jobs.apply(p.name()));
            flow.ids = scenario.shard();
            flow.client(client);
            phases.add(new PhaseControl(p, i, flow));
        }
        long interval = scenario.options().interval().toNanos();
        tls = TlsProfiles.of(origins.values(), scenario.options().tls(), scenario.options().tlsVerify());
        for (int i = 0; i < loopCount; i++) {
            EventLoop loop = new EventLoop(i, checks.counts(), origins.size(), this::collect, tls);
            loops.add(loop);
            Thread t = new Thread(loop, "stressgate-loop-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (scenario.options().warmup()) {
            warming = true;
            Warmup.run(loops, warmupExchanges, warmupBudget(startAt), transport.acceptEncoding(), client);
            warming = false;
        }
        if (scenario.options().http().http2()) {
            Http2Pool.enable(loops, scenario.options().http(), scenario.options().warmup());
        }
        preconnect(origins.size());
        if (startAt != null) {
            awaitInstant(startAt);
        }
        startedAt = clock.instant();
        startNanos = System.nanoTime();
        loops.forEach(l -> l.startClock(startNanos, interval));
        Thread control = new Thread(this::control, "stressgate-control");
        control.setDaemon(true);
        control.start();
    }

    /**
     * Opens the connections the open phases want ready (see {@link PhaseControl#preconnections}) before the clock
     * starts, waiting at most {@link #PRECONNECT_WAIT_NANOS}: a target that does not answer is measured by the
     * load, not by this. Phases on the same origin share them, since each loop keeps one pool per origin.
     */
    private void preconnect(int originCount) {
        int[][] perLoop = new int[originCount][loopCount];
        CompiledRequest[] firstTo = new CompiledRequest[originCount];
        int sum = 0;
        for (PhaseControl p : phases) {
            int total = p.preconnections(loopCount);
            int width = p.participants(loopCount);
            CompiledRequest first = p.flow.first();
            for (int slot = 0; slot < width && total > 0; slot++) {
                int share = total / width + (slot < total % width ? 1 : 0);
                int[] counts = perLoop[first.origin.id];
                sum += Math.max(0, share - counts[slot]);
                counts[slot] = Math.max(counts[slot], share);
                firstTo[first.origin.id] = first;
            }
        }
        if (sum == 0) {
            return;
        }
        CountDownLatch settled = new CountDownLatch(sum);
        for (int origin = 0; origin < originCount; origin++) {
            for (int slot = 0; slot < loopCount; slot++) {
                if (perLoop[origin][slot] > 0) {
                    loops.get(slot).preconnect(firstTo[origin].origin, perLoop[origin][slot], firstTo[origin].connectTimeoutNanos,
                            settled::countDown);
                }
            }
        }
        preconnected = sum;
        long begin = System.nanoTime();
        try {
            boolean all = settled.await(PRECONNECT_WAIT_NANOS, TimeUnit.NANOSECONDS);
            LOG.info("opened {} connection{} ahead of the open-model load in {} ms{}", sum, sum == 1 ? "" : "s",
                    (System.nanoTime() - begin) / 1_000_000, all ? "" : " (some still connecting)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How long the warm-up may last so that the connections still open before the agreed start: the start wins
     * over a longer warm-up. Long.MAX_VALUE without an agreed start.
     */
    private long warmupBudget(Instant startAt) {
        if (startAt == null) {
            return Long.MAX_VALUE;
        }
        long left = Duration.between(clock.instant(), startAt).toNanos();
        return Math.max(0, left - PRECONNECT_WAIT_NANOS - WARMUP_END_NANOS);
    }

    /**
     * Sleeps until shortly before {@code at}, then parks in short steps until the clock reaches it: a sleep alone
     * oversleeps by a scheduler tick or more on a busy machine, and the clock is read after every step, so the
     * load never begins before the instant.
     */
    private void awaitInstant(Instant at) {
        long readyMs = Duration.between(clock.instant(), at).toMillis();
        if (readyMs < 0) {
            LOG.warn("ready for the load {} ms after the agreed start {}: this shard starts late (give the shards more "
                    + "time before the agreed start)", -readyMs, at);
        }
        long lateSteps = 0;
        while (stopReason == null) {
            long leftNanos = Duration.between(clock.instant(), at).toNanos();
            if (leftNanos <= 0) {
                break;
            }
            try {
                if (leftNanos > FINE_WAIT_NANOS) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(leftNanos - FINE_WAIT_NANOS, COARSE_STEP_NANOS));
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(leftNanos, FINE_STEP_NANOS));
                    lateSteps++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted while waiting for the agreed start " + at);
            }
        }
        LOG.info("load clock starts at the agreed instant {} (ready {} ms before it; {} fine steps)", at, readyMs, lateSteps);
    }

    /** A loop's figures for one interval: the warm-up's only count its exchanges; the load's go to the aggregator. */
    private void collect(StatsBook.Snapshot s) {
        if (warming) {
            warmupExchanges.addAndGet(s.names()[0].requests);
        } else {
            snapshots.add(s);
        }
    }

    private Map<String, Origin> origins(Transport transport) {
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (LoadPhase p : scenario.load()) {
            for (RequestSpec r : p.flow().requests()) {
                origins.computeIfAbsent(r.origin().toString(), k -> transport.origin(origins.size(), r.origin()));
            }
        }
        // redirect hops may go there: asked for compression and reached through the proxy as the others are
        for (java.net.URI allowed : scenario.options().client().allowedOrigins()) {
            origins.computeIfAbsent(allowed.toString(), k -> transport.origin(origins.size(), allowed));
        }
        return origins;
    }

    /** Where a stepping phase reads queue depths while it runs (the samplers of the system under test). */
    public void watch(MetricSource samplers) {
        this.samplers = samplers;
    }

    /** Asks the run to stop: no new iterations; those in progress get a short grace, then are interrupted. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Stops like {@link #stop} but gives up the iterations in progress at once, without the grace. */
    public void stopNow(String reason) {
        stop(reason);
        hurried = true;
    }

    /** Waits for the run to end and returns what it measured. */
    public LoadReport await() throws InterruptedException {
        done.await();
        if (failure != null) {
            throw failure;
        }
        return report;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    private void control() {
        try {
            meter.start(threads);
            while (!everyPhaseOver()) {
                long now = System.nanoTime();
                startDuePhases(now);
                endPhases(now);
                handleStop(now);
                drainSnapshots(20);
                judgeSteps(System.nanoTime());
            }
            finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("the control thread was interrupted");
            failure = new IllegalStateException("load run interrupted", e);
        } catch (RuntimeException e) {
            LOG.error("load run failed", e);
            failure = e;
        } finally {
            loops.forEach(EventLoop::shutdown);
            done.countDown();
        }
    }

    private boolean everyPhaseOver() {
        return phases.stream().allMatch(p -> p.state == PhaseControl.State.FINISHED || p.state == PhaseControl.State.SKIPPED);
    }

    private void startDuePhases(long now) {
        for (PhaseControl p : phases) {
            if (p.state != PhaseControl.State.WAITING || stopReason != null) {
                continue;
            }
            Long due = dueTime(p);
            if (due != null && p.phase.executor() instanceof ExecutorSpec.SteppingArrivalRate) {
                due = nextBoundary(due);
            }
            if (due != null && now - due >= 0) {
                launch(p, p.phase.executor() instanceof ExecutorSpec.SteppingArrivalRate ? due : now);
            }
        }
    }

    private Long dueTime(PhaseControl p) {
        var after = p.phase.startAfter();
        if (after.phase() == null) {
            return startNanos + after.delay().toNanos();
        }
        PhaseControl before = phases.stream().filter(q -> q.phase.name().equals(after.phase())).findFirst().orElseThrow();
        if (before.state == PhaseControl.State.SKIPPED) {
            p.state = PhaseControl.State.SKIPPED;
            return null;
        }
        return before.state == PhaseControl.State.FINISHED ? before.endNanos + after.delay().toNanos() : null;
    }

    /** The first interval boundary at or after {@code due}: a stepping phase's steps are whole intervals of the run. */
    private long nextBoundary(long due) {
        long interval = scenario.options().interval().toNanos();
        long elapsed = Math.max(0, due - startNanos);
        return startNanos + (elapsed + interval - 1) / interval * interval;
    }

    /**
     * Starts a phase at {@code now}; a stepping phase is given its interval boundary, which may lie a control turn
     * in the past: its schedule is absolute, so the arrivals due since then start at once and count their lateness.
     */
    private void launch(PhaseControl p, long now) {
        p.state = PhaseControl.State.RUNNING;
        p.startNanos = now;
        if (p.phase.executor() instanceof ExecutorSpec.SteppingArrivalRate s) {
            long interval = scenario.options().interval().toNanos();
            p.judge = new StepJudge(p.phase.name(), s, names, scenario.system().queues().stream().map(q -> q.name()).toList(),
                    samplers, (now - startNanos) / interval, interval, now);
            aggregator.judge(p.judge);
        }
        int width = p.participants(loopCount);
        for (int slot = 0; slot < width; slot++) {
            EventLoop loop = loops.get(slot);
            PhaseRuntime share = p.phase.executor().open()
                    ? new OpenPhase(loop, p.index, p.flow, p.phase.executor(), p.maxInFlight(), now, width, slot, loop.scheduleLag)
                    : new ClosedPhase(loop, p.index, p.flow, p.phase.executor(), now, p.phase.think().toNanos(), width, slot);
            p.shares.add(share);
            loop.addPhase(share);
        }
        LOG.info("phase {} started ({}, {} loop{})", p.phase.name(), p.phase.executor().type(), width, width == 1 ? "" : "s");
    }

    private void endPhases(long now) {
        long graceful = scenario.options().gracefulStop().toNanos();
        for (PhaseControl p : phases) {
            if (p.state != PhaseControl.State.RUNNING) {
                continue;
            }
            if (p.allSharesFinished()) {
                p.state = PhaseControl.State.FINISHED;
                p.endNanos = p.lastShareEnd();
                LOG.info("phase {} finished", p.phase.name());
            } else if (!p.aborted && now - (p.startNanos + p.phase.executor().duration().toNanos() + graceful) > 0) {
                p.aborted = true;
                LOG.warn("phase {} still had iterations in progress {} after its end; interrupting them", p.phase.name(),
                        scenario.options().gracefulStop());
                loops.forEach(l -> l.abortPhase(p.index));
            }
        }
    }

    /** Reads queue depths for the step in progress, and ends a stepping phase whose step broke. */
    private void judgeSteps(long now) {
        for (PhaseControl p : phases) {
            if (p.judge == null || p.state != PhaseControl.State.RUNNING || p.stepStopped) {
                continue;
            }
            p.judge.sample(now);
            if (p.judge.decided()) {
                p.stepStopped = true;
                if (p.judge.broke()) {
                    LOG.info("phase {} broke: {}", p.phase.name(), p.judge.result().reason());
                    loops.forEach(l -> l.stopPhase(p.index));
                }
            }
        }
    }

    /** The breaking point of the stepping phase, or null when the scenario has none. */
    private BreakingPoint breakingPoint() {
        for (PhaseControl p : phases) {
            if (!(p.phase.executor() instanceof ExecutorSpec.SteppingArrivalRate s)) {
                continue;
            }
            if (p.judge == null) {
                return new BreakingPoint(p.phase.name(), BreakingPoint.Outcome.CUT_SHORT, null, null,
                        "the phase never started: the run stopped before it", s.max().perSecond(), s.stepDuration().toMillis(),
                        List.of());
            }
            p.judge.finish(stopReason != null);
            return p.judge.result();
        }
        return null;
    }

    private void handleStop(long now) {
        if (stopReason == null) {
            return;
        }
        if (stopDeadline == 0) {
            LOG.warn("stopping: {}", stopReason);
            stopDeadline = now + Math.min(scenario.options().gracefulStop().toNanos(), STOP_DRAIN_MAX_NANOS);
            phases.stream().filter(p -> p.state == PhaseControl.State.WAITING).forEach(p -> p.state = PhaseControl.State.SKIPPED);
            loops.forEach(EventLoop::stopAll);
        } else if (hurried || now - stopDeadline > 0) {
            for (PhaseControl p : phases) {
                if (p.state == PhaseControl.State.RUNNING && !p.aborted) {
                    p.aborted = true;
                    loops.forEach(l -> l.abortPhase(p.index));
                }
            }
        }
    }

    private void drainSnapshots(long waitMillis) throws InterruptedException {
        StatsBook.Snapshot s = snapshots.poll(waitMillis, TimeUnit.MILLISECONDS);
        while (s != null) {
            merge(s);
            s = snapshots.poll();
        }
    }

    private void merge(StatsBook.Snapshot s) {
        long elapsed = System.nanoTime() - startNanos;
        boolean point = aggregator.add(s, elapsed);
        loops.get(s.loop()).stats.recycle(s.names());
        if (point) {
            meter.interval(threads);
            IntervalPoint last = aggregator.lastPoint();
            listener.onInterval(new LiveStats(elapsed / 1e9, scenario.scheduledDuration().toNanos() / 1e9, last,
                    aggregator.summaries(elapsed / 1e9), last.inFlight(), aggregator.checks()));
        }
    }

    private void finish() throws InterruptedException {
        long end = System.nanoTime();
        meter.stop(threads);
        loops.forEach(EventLoop::shutdown);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        drainSnapshots(0);
        for (EventLoop loop : loops) {
            aggregator.add(loop.flush(), end - startNanos);
        }
        aggregator.finish(end - startNanos);
        double seconds = (end - startNanos) / 1e9;
        List<PhaseSummary> summaries = phases.stream().map(p -> p.summary(startNanos)).toList();
        var load = aggregator.summaries(seconds);
        long submissionsEnd = phases.stream().mapToLong(PhaseControl::lastLaunch).filter(n -> n != 0).max()
                .orElse(startNanos);
        report = new LoadReport(startedAt, startNanos, end - startNanos, submissionsEnd, summaries, load,
                new TimeSeries(scenario.options().interval().toMillis(), aggregator.series(), aggregator.seriesByName()),
                meter.info(loops, load.get("all").requests(), phases.stream().anyMatch(p -> p.phase.executor().open()),
                        preconnected, tls == null ? null : tls.firstFailure()),
                aggregator.checks(), stopReason, breakingPoint());
    }

    /** The {@link System#nanoTime()} the load's clock started at (after the warm-up). */
    public long startNanos() {
        return startNanos;
    }

    /** How long the scheduled load lasts, for progress displays. */
    public Duration scheduled() {
        return scenario.scheduledDuration();
    }
}
