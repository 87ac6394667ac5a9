package io.stressgate.engine.load;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A run's results and what it logged: slf4j-simple writes to standard error, which is kept while the run lasts (and
 * still shown), so that a test can count the lines a run logged about something.
 */
record LoggedRun(RunResults results, String log) {

    /** The logged lines that contain {@code text}. */
    List<String> lines(String text) {
        return log.lines().filter(l -> l.contains(text)).toList();
    }

    /** Runs {@code scenario} on {@code threads} event loops until it ends, keeping what it logged meanwhile. */
    static LoggedRun of(Scenario scenario, int threads) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(err, kept), true, StandardCharsets.UTF_8));
        try {
            RunResults r = new StressRunner(Clock.systemUTC(), new RunSettings("c", Path.of("target"), threads))
                    .start(scenario, LoadListener.NONE).await();
            System.err.flush();
            return new LoggedRun(r, kept.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
