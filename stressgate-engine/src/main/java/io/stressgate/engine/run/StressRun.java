package io.stressgate.engine.run;

import io.stressgate.engine.result.RunResults;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: it can be asked to stop (a signal, an abort) and awaited for its results. */
public final class StressRun {
    /** What the host can ask of the run while it goes on. */
    interface Control {
        void stop(String reason);

        void interrupt(String reason);

        void hurry(String reason);

        CompletableFuture<Void> restored();
    }

    private final CompletableFuture<RunResults> results = new CompletableFuture<>();
    private final Control control;

    StressRun(Control control) {
        this.control = control;
    }

    /** Stops sending, lets in-flight requests drain briefly, and ends the run as INTERRUPTED with this reason. */
    public void stop(String reason) {
        control.stop(reason);
    }

    /**
     * A first signal: like {@link #stop}, but what chaos stopped is restored at once (before in-flight requests are
     * waited for), and the queue drain and the orphan wait are skipped, so the run ends within the stop grace.
     */
    public void interrupt(String reason) {
        control.interrupt(reason);
    }

    /** A second signal: in-flight requests are given up at once; the restores still run (see {@link #awaitRestored}). */
    public void hurry(String reason) {
        control.hurry(reason);
    }

    /**
     * Waits until nothing chaos stopped is owed any more (restores done, or chaos never started), at most {@code max};
     * true when that happened in time.
     */
    public boolean awaitRestored(Duration max) throws InterruptedException {
        CompletableFuture<Void> owed = control.restored();
        try {
            CompletableFuture.anyOf(owed, results).get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return results.isDone();
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Waits for the results; partial results when the run was stopped. */
    public RunResults await() throws InterruptedException {
        try {
            return results.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run failed: " + e.getCause(), e.getCause());
        }
    }

    public boolean isDone() {
        return results.isDone();
    }

    void complete(RunResults value) {
        results.complete(value);
    }

    void fail(Throwable e) {
        results.completeExceptionally(e);
    }
}
