package io.stressgate.cli;

import io.stressgate.engine.run.StressRun;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM (a CI abort). The first signal restores at once what chaos stopped, stops sending, gives
 * in-flight requests up to 2 s and writes partial results. A second one gives up the in-flight requests and exits with
 * {@value #EXIT_ON_SECOND_SIGNAL} as soon as the restores are done (never before). A third exits at once: what is not
 * restored then stays in the ledger for the next run's start.
 */
final class Signals {
    static final int EXIT_ON_SECOND_SIGNAL = 130;
    /** How long a second signal waits for restores before exiting anyway (their commands have their own limit). */
    static final Duration RESTORE_WAIT = Duration.ofMinutes(2);

    private Signals() {
    }

    static void handle(StressRun run) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> onSignal(run, "SIG" + name, received.incrementAndGet()));
        }
    }

    private static void onSignal(StressRun run, String name, int count) {
        if (count == 1) {
            System.err.println("\nstressgate: " + name + " received; restoring what chaos stopped, stopping and writing partial"
                    + " results (send it again to exit as soon as the restores are done)");
            run.interrupt("stopped by " + name);
        } else if (count == 2) {
            System.err.println("\nstressgate: second signal; exiting once what chaos stopped is restored (a third exits at once)");
            run.hurry("stopped by a second signal (" + name + ")");
            awaitRestores(run);
            System.exit(EXIT_ON_SECOND_SIGNAL);
        } else {
            Runtime.getRuntime().halt(EXIT_ON_SECOND_SIGNAL);
        }
    }

    private static void awaitRestores(StressRun run) {
        try {
            if (!run.awaitRestored(RESTORE_WAIT)) {
                System.err.println("stressgate: restores still run after " + RESTORE_WAIT.toMinutes()
                        + " min; exiting, the ledger keeps them for the next run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
