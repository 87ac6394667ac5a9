package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered output with a golden file under src/test/resources. With {@code -Dstressgate.updateGolden=true}
 * the file is rewritten and the test fails on purpose, so a regeneration is always seen and never passes silently.
 */
final class GoldenFiles {
    static final String UPDATE = "stressgate.updateGolden";
    private static final Path DIR = Path.of("src", "test", "resources", "io", "stressgate", "engine", "report", "golden");

    private GoldenFiles() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            fail("golden file " + file.toAbsolutePath() + " rewritten; review the diff, then run again without -D" + UPDATE);
        }
        assertThat(file).as("golden file %s (create it with -D%s=true)", file.toAbsolutePath(), UPDATE).exists();
        assertThat(actual).as("rendered %s against %s", name, file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
