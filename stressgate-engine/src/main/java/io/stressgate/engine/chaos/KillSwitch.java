package io.stressgate.engine.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The global switch that refuses every chaos action: {@code STRESSGATE_CHAOS_DISABLED=1} in the environment, or a
 * file named {@value #FILE_NAME} in the state directory (for an operator to drop on an agent).
 */
public final class KillSwitch {
    public static final String VARIABLE = "STRESSGATE_CHAOS_DISABLED";
    public static final String FILE_NAME = "chaos-disabled";
    private static final Set<String> ON = Set.of("1", "true", "yes", "on");

    private final Map<String, String> environment;
    private final Path stateDir;

    public KillSwitch(Map<String, String> environment, Path stateDir) {
        this.environment = Map.copyOf(environment);
        this.stateDir = stateDir;
    }

    /** Why chaos is off, or empty when it is on. Read at every action, so the file takes effect at once. */
    public Optional<String> engaged() {
        String value = environment.get(VARIABLE);
        if (value != null && ON.contains(value.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("chaos is disabled by " + VARIABLE + "=" + value);
        }
        Path file = stateDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return Optional.of("chaos is disabled by the file " + file);
        }
        return Optional.empty();
    }
}
