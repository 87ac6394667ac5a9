package io.stressgate.engine.scenario;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The orphan check after the run: wait {@code grace}, then report processes carrying the run cookie, descendants of
 * watched processes that outlived their parent, and new processes matching {@code pattern}; reap them if asked.
 */
public record OrphanSpec(boolean enabled, Duration grace, Pattern pattern, boolean reap) {
    public static final OrphanSpec DEFAULTS = new OrphanSpec(true, Duration.ofSeconds(2), null, false);
}
