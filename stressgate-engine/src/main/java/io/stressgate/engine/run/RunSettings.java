package io.stressgate.engine.run;

import java.nio.file.Path;

/**
 * How a run is set up by its host: the run cookie every started process carries (so a host such as a Jenkins step
 * can find them later), the output directory for logs of started services, and the generator's thread count
 * (0 = what the scenario says, else one per core).
 */
public record RunSettings(String runCookie, Path outputDir, int threads) {
}
