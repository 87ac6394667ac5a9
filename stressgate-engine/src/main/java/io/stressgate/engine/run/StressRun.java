package io.stressgate.engine.run;

import io.stressgate.engine.result.RunResults;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** A run in progress: it can be asked to stop (a signal, an abort) and awaited for its results. */
public final class StressRun {
    private final CompletableFuture<RunResults> results = new CompletableFuture<>();
    private final Consumer<String> stopper;

    StressRun(Consumer<String> stopper) {
        this.stopper = stopper;
    }

    /** Stops sending, lets in-flight requests drain briefly, and ends the run as INTERRUPTED with this reason. */
    public void stop(String reason) {
        stopper.accept(reason);
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
