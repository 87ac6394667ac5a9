package io.stressgate.engine.metrics;

/**
 * One process group's readings of one tick added up, in the order of {@link ResourceSampler#GROUP_STATS}. CPU and
 * fds are missing (NaN) when no member could say, e.g. every member is new this tick or owned by another user.
 */
final class GroupTotals {
    private double cpu;
    private boolean cpuKnown;
    private long rss;
    private long threads;
    private long fds;
    private boolean fdsKnown;
    private int count;

    /** Empties the totals for the next group, so that one object serves every group of every tick. */
    GroupTotals reset() {
        cpu = 0;
        cpuKnown = false;
        rss = 0;
        threads = 0;
        fds = 0;
        fdsKnown = false;
        count = 0;
        return this;
    }

    /** Adds a member; {@code cpuPercent} is NaN for a process first read this tick. */
    void add(ProcessSample sample, double cpuPercent) {
        count++;
        rss += sample.rssBytes();
        threads += sample.threads();
        if (sample.fds() >= 0) {
            fds += sample.fds();
            fdsKnown = true;
        }
        if (!Double.isNaN(cpuPercent)) {
            cpu += cpuPercent;
            cpuKnown = true;
        }
    }

    /** The resident memory of the members added, in bytes. */
    long rss() {
        return rss;
    }

    /** Writes the totals into the table; returns the process count. */
    long write(SampleTable table, long tick, int column, long descendants) {
        table.put(tick, column, count == 0 ? 0 : cpuKnown ? cpu : Double.NaN);
        table.put(tick, column + 1, rss);
        table.put(tick, column + 2, threads);
        table.put(tick, column + 3, count == 0 ? 0 : fdsKnown ? fds : Double.NaN);
        table.put(tick, column + 4, descendants);
        table.put(tick, column + 5, count);
        return count;
    }
}
