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
    void shouldRefuseACallDirectoryFromAForgedCookie() {
        assertThat(StepFiles.callDir(Runs.COOKIE)).isEqualTo("call-" + Runs.COOKIE);
        assertThatThrownBy(() -> StepFiles.callDir("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTryTheAgentsOwnJavaBeforeTheOneOnThePath() {
        assertThat(JavaSelector.candidates("/opt/jdk-17/", true)).containsExactly("/opt/jdk-17/bin/java", "java");
        assertThat(JavaSelector.candidates("C:\\jdk", false)).containsExactly("C:\\jdk\\bin\\java.exe", "java");
        assertThat(JavaSelector.candidates(null, true)).containsExactly("java");
        assertThat(JavaSelector.candidates("/opt/jdk\n", true)).containsExactly("java");
    }
}
