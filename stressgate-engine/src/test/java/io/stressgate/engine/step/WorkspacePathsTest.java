package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkspacePathsTest {
    @ParameterizedTest
    @CsvSource({"perf/storm.yml,perf/storm.yml", "./perf//storm.yml,perf/storm.yml", "a/./b.yml,a/b.yml",
            "examples/demo/demo.yml,examples/demo/demo.yml", "dir/,dir"})
    void shouldAcceptAndNormalizeRelativePaths(String path, String normalized) {
        assertThat(WorkspacePaths.problem(path)).isNull();
        assertThat(WorkspacePaths.normalize(path)).isEqualTo(normalized);
    }

    @Test
    void shouldAcceptADollarOrPercentThatIsNotAnEncodedSeparator() {
        assertThat(WorkspacePaths.problem("perf/$name/100%.yml")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"perf/storm.yml,storm", "Checkout Storm!.yaml,checkout_storm_", "..hidden.yml,_hidden", "noext,noext",
            "a/.yml,_yml"})
    void shouldDeriveASafeDirectoryNameFromTheScenario(String path, String stem) {
        assertThat(WorkspacePaths.stem(path)).isEqualTo(stem).matches("[a-z0-9._-]+").doesNotStartWith("..");
    }
}
