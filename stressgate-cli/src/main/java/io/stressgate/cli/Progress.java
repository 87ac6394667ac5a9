package io.stressgate.cli;

import io.stressgate.engine.load.LiveStats;
import io.stressgate.engine.load.LoadListener;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress line: rewritten in place on a terminal, or a plain line every few seconds in a CI log.
 */
final class Progress implements LoadListener {
    /** How progress is shown. */
    enum Mode { AUTO, TTY, PLAIN, NONE }

    private static final double PLAIN_EVERY_SECONDS = 5;

    private final PrintWriter out;
    private final boolean tty;
    private final boolean silent;
    private double lastPrinted = -PLAIN_EVERY_SECONDS;
    private boolean dirty;

    Progress(PrintWriter out, Mode mode) {
        this.out = out;
        this.silent = mode == Mode.NONE;
        this.tty = mode == Mode.TTY || mode == Mode.AUTO && System.console() != null;
    }

    @Override
    public void onInterval(LiveStats live) {
        if (silent) {
            return;
        }
        if (!tty && live.elapsedSeconds() - lastPrinted < PLAIN_EVERY_SECONDS) {
            return;
        }
        lastPrinted = live.elapsedSeconds();
        String line = line(live);
        if (tty) {
            out.print("\r" + line + "\u001b[K");
            dirty = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the in-place line so later output starts on a fresh line. */
    void finish() {
        if (dirty) {
            out.println();
            out.flush();
            dirty = false;
        }
    }

    static String line(LiveStats live) {
        IntervalPoint p = live.lastInterval();
        LoadSummary all = live.totals().get(RunResults.ALL);
        return String.format(Locale.ROOT, "[%5.1fs/%.0fs] %,.0f req/s  p95 %s  errors %,d (%.2f%%)  dropped %,d  in flight %,d",
                live.elapsedSeconds(), live.scheduledSeconds(), p.rps(), p.p95() == null ? "-" : p.p95() + "ms",
                all.errors(), all.errorRate() * 100, all.dropped(), live.inFlight());
    }
}
