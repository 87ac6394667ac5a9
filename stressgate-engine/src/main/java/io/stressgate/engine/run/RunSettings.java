package io.stressgate.engine.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * How a run is set up by its host: the run cookie every started process carries (so a host such as a Jenkins step
 * can find them later), the output directory for logs of started services, the generator's thread count
 * (0 = what the scenario says, else one per core), and the run's id (the host writes it into its "in progress"
 * outputs before the run starts, so the final results carry the same one), and the agreed start of a sharded run
 * ({@code startAt}, null for none): everything is made ready before it and the load's clock starts at it.
 */
public record RunSettings(String runCookie, Path outputDir, int threads, String runId, Instant startAt) {
    /** Settings with a fresh run id. */
    public RunSettings(String runCookie, Path outputDir, int threads) {
        this(runCookie, outputDir, threads, UUID.randomUUID().toString(), null);
    }

    /** Settings without an agreed start. */
    public RunSettings(String runCookie, Path outputDir, int threads, String runId) {
        this(runCookie, outputDir, threads, runId, null);
    }

    /** The same settings with the agreed start {@code at}. */
    public RunSettings startingAt(Instant at) {
        return new RunSettings(runCookie, outputDir, threads, runId, at);
    }
}
