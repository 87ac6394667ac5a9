package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolVersionFinderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheVersionDebiansLocustHidesFromItsPackage() throws Exception {
        ImportedResults csv = new ResultImporter().read(ImportFormat.LOCUST, Path.of("src/test/resources/imports/locust/run"));

        ImportedResults found = ToolVersionFinder.system().complete(ImportFormat.LOCUST, csv);

        assertThat(csv.version()).isEqualTo("unknown");
        assertThat(found.version()).isEqualTo(ToolVersionFinder.upstream(dpkgVersion("python3-locust")));
    }

    @Test
    void shouldAskThePythonTheLocustLauncherNamesNotTheFirstOnThePath() throws Exception {
        Files.writeString(dir.resolve("locust"), "#!/opt/venv/bin/python3 -s\nimport locust\n");

        assertThat(ToolVersionFinder.launcherPython(dir.toString())).containsExactly("/opt/venv/bin/python3", "-s");
    }

    @Test
    void shouldKeepUnknownWhenNoPythonRunsAndKeepAVersionTheFileGave() throws Exception {
        ToolVersionFinder none = new ToolVersionFinder(List.of(dir.resolve("no-python").toString()), Duration.ofSeconds(5));
        ImportedResults gatling = new ResultImporter().read(ImportFormat.GATLING, Path.of("src/test/resources/imports/gatling/simulation.log"));

        assertThat(none.locust()).isEmpty();
        assertThat(ToolVersionFinder.system().complete(ImportFormat.GATLING, gatling).version()).isEqualTo("3.9.5");
        assertThat(ToolVersionFinder.upstream("1:2.12.1-1+deb12u1")).isEqualTo("2.12.1");
    }

    private static String dpkgVersion(String pkg) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", pkg).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            p.destroyForcibly();
        }
    }
}
