package io.stressgate.engine.metrics;

import io.stressgate.engine.result.MetricSource;
import io.stressgate.engine.result.MetricValue;
import io.stressgate.engine.result.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Watches the system under test while the load runs: starts the resource and queue samplers on one schedule,
 * streams every row to metrics.csv, keeps a thinned copy (at most {@code maxRows}, peaks kept) for results.json,
 * answers live {@code queue}, {@code process} and {@code system} metrics, and at the end reports peaks, queue
 * drain times and the table. Memory stays bounded however long the run: a few rows in flight, the thinned rows
 * (at most {@code 2 × maxRows} while running), per-queue gaps (capped) and per-group pids (capped).
 */
public final class Monitor implements AutoCloseable {
    private final MonitorSettings settings;
    private final Clock clock;
    private final ResourceSampler resources;
    private final QueueSampler queues;
    private final List<String> columns = new ArrayList<>();
    private volatile MetricSource live = metric -> MetricValue.missing("sampling has not started");
    private SampleTable table;
    private ThinnedRows thinned;
    private CsvRows csv;
    private SamplingClock samplingClock;
    private MonitorReport report;

    /**
     * @param settings what to sample
     * @param watched  the pids of each process group
     * @param listener told which pids each group has whenever a group gained one (the orphan detector), or
     *                 {@link SeenPidsListener#NONE}
     * @param readers  how processes and the machine are read, usually {@link ResourceReaders#forThisMachine}
     * @param clock    the wall clock, to place the run start on the sampling time line
     */
    public Monitor(MonitorSettings settings, WatchedProcesses watched, SeenPidsListener listener,
                   ResourceReaders readers, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.resources = new ResourceSampler(settings.groups(), watched, readers, settings.machine(), listener);
        this.queues = new QueueSampler(settings.queues(), settings.drainTimeout(), settings.redisTimeout());
        columns.add("t");
        columns.addAll(resources.columns());
        columns.addAll(queues.columns());
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("sample columns clash; rename a process group or queue: " + columns);
        }
    }

    /** Starts both samplers; {@code runStart} is the instant the table's {@code t} counts from. */
    public synchronized void start(Instant runStart) throws IOException {
        if (table != null) {
            throw new IllegalStateException("the monitor was already started");
        }
        long sinceStart = Duration.between(runStart, clock.instant()).toNanos();
        samplingClock = new SamplingClock(System.nanoTime() - sinceStart, settings.interval().toNanos());
        boolean[] lowIsPeak = new boolean[columns.size()];
        int available = columns.indexOf("mem_avail_bytes");
        if (available > 0) {
            lowIsPeak[available] = true;
        }
        thinned = new ThinnedRows(settings.maxRows(), lowIsPeak);
        csv = settings.csvFile() == null ? null : new CsvRows(settings.csvFile(), columns);
        table = new SampleTable(columns, samplingClock, csv == null ? List.of(thinned) : List.of(thinned, csv));
        live = new LiveMetrics(table, settings.groups(), queues, resources);
        if (!resources.columns().isEmpty()) {
            resources.start(table, samplingClock);
        }
        if (!queues.columns().isEmpty()) {
            queues.start(table, samplingClock);
        }
    }

    /** Live metrics for chaos conditions and aborting gates; missing before {@link #start}. */
    public MetricSource metrics() {
        return metric -> live.value(metric);
    }

    /** The load has ended now, and with it the submissions: each queue's drain time counts from here. */
    public void loadEnded() {
        loadEnded(System.nanoTime());
    }

    /**
     * The load has ended now; its submissions ended at {@code submissionsEndNanos} ({@link System#nanoTime()}), where
     * each queue's drain time counts from. The drain timeout still counts from now.
     */
    public void loadEnded(long submissionsEndNanos) {
        requireStarted();
        if (!queues.columns().isEmpty()) {
            queues.loadEnded(System.nanoTime(), submissionsEndNanos);
        }
    }

    /** Waits (at most {@code max}) until every queue drained or ran out of drain time; true when all settled. */
    public boolean awaitDrained(Duration max) throws InterruptedException {
        requireStarted();
        return queues.columns().isEmpty() || queues.awaitSettled(max);
    }

    /** Stops both samplers, closes metrics.csv and reports; later calls return the same report. */
    public synchronized MonitorReport stop() {
        if (report != null) {
            return report;
        }
        requireStarted();
        resources.stop();
        queues.stop();
        table.close();
        double cost = resources.costPercent() + queues.costPercent();
        Samples samples = thinned.total() == 0 ? null
                : new Samples(samplingClock.intervalMillis(), columns, rows(thinned.rows()), Math.round(cost * 1000) / 1000.0);
        boolean csvWritten = csv != null && csv.error() == null;
        report = new MonitorReport(resources.processSummaries(), resources.systemSummary(), queues.summaries(), samples,
                csvWritten ? settings.csvFile() : null, csvWritten ? csv.rows() : 0);
        return report;
    }

    @Override
    public synchronized void close() {
        if (table != null) {
            stop();
        }
    }

    /** Sampling cost so far: CPU time of both sampling threads per wall time, in percent of one core. */
    public double costPercent() {
        return resources.costPercent() + queues.costPercent();
    }

    private void requireStarted() {
        if (table == null) {
            throw new IllegalStateException("the monitor has not been started");
        }
    }

    private static List<List<Double>> rows(List<double[]> rows) {
        List<List<Double>> out = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            List<Double> cells = new ArrayList<>(row.length);
            for (double v : row) {
                cells.add(Double.isNaN(v) ? null : v == Math.rint(v) ? v : Math.round(v * 1000.0) / 1000.0);
            }
            out.add(cells);
        }
        return out;
    }
}
