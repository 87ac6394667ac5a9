package io.stressgate.engine.process;

import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.result.Samples;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells fds that grew and levelled off (a connection pool warming up) from a leak, which keeps growing through the
 * end: a group's fd growth counts as a leak only when its sampled fds in the second half of the window from the
 * load's start to the last sample rose above the most they reached in the first half. Growth that stopped early
 * stays in the report, marked {@value #LEVELLED}, and out of the {@code fds} count. Without enough samples every
 * growth counts, as before.
 */
public final class FdGrowth {
    /** The detail kind of fd growth that levelled off. */
    public static final String LEVELLED = "fds (levelled off)";
    static final int MIN_SAMPLES = 4;

    private FdGrowth() {
    }

    /** The report with each group's fd growth that levelled off set apart; {@code loadStartSeconds} on the samples' t. */
    public static LeakReport classify(LeakReport report, Samples samples, double loadStartSeconds) {
        if (report == null || samples == null || report.fds() == 0) {
            return report;
        }
        List<LeakReport.Detail> details = new ArrayList<>();
        int fds = 0;
        for (LeakReport.Detail d : report.details()) {
            boolean levelled = "fds".equals(d.kind()) && levelledOff(samples, d.process() + ".fds", loadStartSeconds);
            details.add(levelled ? new LeakReport.Detail(d.process(), d.pid(), LEVELLED, d.before(), d.after(), d.items()) : d);
            if ("fds".equals(d.kind()) && !levelled) {
                fds += (int) (d.after() - d.before());
            }
        }
        return new LeakReport(fds, report.ports(), report.zombies(), details);
    }

    /** True when the column's values after the window's middle never exceed the most before it. */
    static boolean levelledOff(Samples samples, String column, double fromSeconds) {
        int c = samples.columns().indexOf(column);
        if (c < 0) {
            return false;
        }
        List<double[]> points = new ArrayList<>();
        for (List<Double> row : samples.rows()) {
            Double t = row.get(0);
            Double v = row.get(c);
            if (t != null && v != null && t >= fromSeconds) {
                points.add(new double[] {t, v});
            }
        }
        if (points.size() < MIN_SAMPLES) {
            return false;
        }
        double middle = (points.get(0)[0] + points.get(points.size() - 1)[0]) / 2;
        double early = points.stream().filter(p -> p[0] <= middle).mapToDouble(p -> p[1]).max().orElse(Double.NaN);
        double late = points.stream().filter(p -> p[0] > middle).mapToDouble(p -> p[1]).max().orElse(Double.NaN);
        return !Double.isNaN(early) && !Double.isNaN(late) && late <= early;
    }
}
