package io.stressgate.engine.run;

import io.stressgate.engine.chaos.StateDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the {@link SystemHarness} works: the run's output directory (service logs go to
 * {@code services/}), the state directory of the ledger, audit log and kill-switch file, the run cookie every started
 * process carries, the tool's environment (kill switch, the build it runs in), the directory commands run in, whether
 * chaos is only a dry run, and its time limits.
 */
public record HarnessSettings(Path outputDir, Path stateDir, String runCookie, Map<String, String> environment,
                              Path workdir, boolean dryRun, Duration commandTimeout, Duration pollInterval,
                              Duration reapGrace) {
    public HarnessSettings {
        environment = Map.copyOf(environment);
    }

    /** The usual settings: state in the default directory, the current directory, one-minute command limit. */
    public static HarnessSettings of(Path outputDir, String runCookie, Map<String, String> environment) {
        return new HarnessSettings(outputDir, StateDirs.defaultDir(environment, System.getProperty("user.home")), runCookie,
                environment, Path.of("").toAbsolutePath(), false, Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofSeconds(5));
    }
}
