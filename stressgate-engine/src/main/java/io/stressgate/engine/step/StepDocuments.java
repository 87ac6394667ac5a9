package io.stressgate.engine.step;

import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ResultsException;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;

/**
 * Parses what the CLI wrote on the agent, on the controller and from bytes only: results through the strict
 * {@link ResultsReader} with the controller's smaller size cap, chaos events and orphan scans with the same
 * strictness plus checks of every count and string they carry.
 */
public final class StepDocuments {
    static final int MAX_TEXT = 4096;
    static final int MAX_TARGETS = 10_000;
    static final int MAX_ORPHANS = 10_000;

    private final ResultsReader results;
    private final ResultsReader chaos;
    private final ResultsReader orphans;

    public StepDocuments() {
        ResultsReader.Limits d = ResultsReader.Limits.DEFAULT;
        this.results = new ResultsReader(new ResultsReader.Limits(StepFiles.MAX_RESULTS_BYTES, d.maxDepth(),
                d.maxStringLength(), d.maxListItems()));
        this.chaos = new ResultsReader(new ResultsReader.Limits(StepFiles.MAX_CHAOS_BYTES, 8, 64 * 1024, MAX_TARGETS));
        this.orphans = new ResultsReader(new ResultsReader.Limits(StepFiles.MAX_ORPHANS_BYTES, 8, 64 * 1024, MAX_ORPHANS));
    }

    public Received<RunResults> results(byte[] bytes) {
        try {
            return Received.of(results.read(bytes));
        } catch (ResultsException e) {
            return Received.failed(StepFiles.RESULTS + " is not valid: " + e.getMessage());
        }
    }

    public Received<ChaosEvent> chaos(byte[] bytes) {
        try {
            ChaosEvent event = chaos.readPart(bytes, ChaosEvent.class);
            check("/name", event.name());
            check("/action", event.action());
            check("/trigger", event.trigger());
            check("/signal", event.signal());
            check("/message", event.message());
            nonNegative("/atMs", event.atMs());
            if (event.outcome() == null) {
                throw invalid("/outcome", "required field is missing");
            }
            for (int i = 0; i < event.targets().size(); i++) {
                ChaosEvent.Target t = event.targets().get(i);
                if (t.pid() < 1) {
                    throw invalid("/targets/" + i + "/pid", t.pid() + " is not a process id");
                }
                check("/targets/" + i + "/command", t.command());
                check("/targets/" + i + "/user", t.user());
            }
            nonNegative("/recoveredAfterMs", event.recoveredAfterMs());
            nonNegative("/restoredAfterMs", event.restoredAfterMs());
            return Received.of(event);
        } catch (ResultsException e) {
            return Received.failed(StepFiles.CHAOS + " is not valid: " + e.getMessage());
        }
    }

    public Received<OrphanScan.Result> orphans(byte[] bytes) {
        try {
            OrphanScan.Result scan = orphans.readPart(bytes, OrphanScan.Result.class);
            nonNegative("/checked", (long) scan.checked());
            for (int i = 0; i < scan.orphans().size(); i++) {
                OrphanReport o = scan.orphans().get(i);
                if (o.pid() < 1 || o.ppid() < 0) {
                    throw invalid("/orphans/" + i + "/pid", "pid " + o.pid() + " or ppid " + o.ppid() + " is not a process id");
                }
                if (o.why() == null) {
                    throw invalid("/orphans/" + i + "/why", "required field is missing");
                }
                check("/orphans/" + i + "/command", o.command());
                check("/orphans/" + i + "/detail", o.detail());
            }
            return Received.of(scan);
        } catch (ResultsException e) {
            return Received.failed(StepFiles.ORPHANS + " is not valid: " + e.getMessage());
        }
    }

    /** A document that could not be fetched from the agent at all. */
    public static <T> Received<T> notFetched(String file, String why) {
        return Received.failed(file + " could not be read: " + why);
    }

    private static void check(String pointer, String text) throws ResultsException {
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid(pointer, "text of " + text.length() + " characters is longer than " + MAX_TEXT);
        }
    }

    private static void nonNegative(String pointer, Long value) throws ResultsException {
        if (value != null && value < 0) {
            throw invalid(pointer, value + " is negative");
        }
    }

    private static ResultsException invalid(String pointer, String message) {
        return new ResultsException(ResultsException.Kind.INVALID, pointer, message);
    }
}
