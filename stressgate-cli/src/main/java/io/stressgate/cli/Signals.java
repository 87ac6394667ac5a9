package io.stressgate.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM (a CI abort) stop the run gracefully: the first one stops sending and writes partial results;
 * a second one exits at once.
 */
final class Signals {
    static final int EXIT_ON_SECOND_SIGNAL = 130;

    private Signals() {
    }

    static void onFirst(Consumer<String> stop) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (received.incrementAndGet() == 1) {
                    System.err.println("\nstressgate: SIG" + name + " received; stopping and writing partial results"
                            + " (send it again to exit at once)");
                    stop.accept("stopped by SIG" + name);
                } else {
                    Runtime.getRuntime().halt(EXIT_ON_SECOND_SIGNAL);
                }
            });
        }
    }
}
