package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepFilesTest {
    @Test
    void shouldPutEachScenariosOutputInItsOwnWorkspaceDirectory() {
        assertThat(StepFiles.outputDir("perf/Checkout Storm.yml")).isEqualTo("stressgate-out/checkout_storm");
        assertThat(WorkspacePaths.problem(StepFiles.outputDir("../../x.yml"))).isNull();
    }

    @Test
    void shouldNameTheCachedJarByItsDigest() {
        assertThat(StepFiles.cachedJar("0123456789ABCDEF0123456789abcdef"))
                .isEqualTo("stressgate-cli-0123456789abcdef0123456789abcdef.jar");
        assertThatThrownBy(() -> StepFiles.cachedJar("../../evil")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseACallDirectoryFromAForgedCookie() {
        assertThat(StepFiles.callDir(Runs.COOKIE)).isEqualTo("call-" + Runs.COOKIE);
        assertThatThrownBy(() -> StepFiles.callDir("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldChooseTheAgentsJavaOnlyWhereItsPathsApply() {
        assertThat(JavaSelector.choose("/opt/jdk-17/", true, false, true)).isEqualTo("/opt/jdk-17/bin/java");
        assertThat(JavaSelector.choose("C:\\jdk", true, false, false)).isEqualTo("C:\\jdk\\bin\\java.exe");
        assertThat(JavaSelector.choose("/opt/jdk", true, true, true)).as("inside a container").isEqualTo("java");
        assertThat(JavaSelector.choose("/opt/jdk", false, false, true)).isEqualTo("java");
        assertThat(JavaSelector.choose(null, false, false, true)).isEqualTo("java");
    }
}
