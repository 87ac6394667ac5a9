package io.jenkins.plugins.stressgate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.slaves.DumbSlave;
import io.stressgate.engine.step.StepFiles;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A malicious agent cannot make the controller read its own files or swallow a huge payload (J5): files are read on
 * a real agent JVM through the same callable the steps use.
 */
@WithJenkins
@EnabledOnOs({OS.LINUX, OS.MAC})
class AgentFetchTest {
    @Test
    void shouldRefuseSymlinksOutOfTheOutputDirectoryAndOversizedFiles(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        FilePath root = agent.getRootPath().child("ws");
        FilePath out = root.child("stressgate-out/x");
        out.mkdirs();
        Path outDir = Path.of(out.getRemote());
        Path controllerFile = new File(j.jenkins.getRootDir(), "config.xml").toPath();
        Files.createSymbolicLink(outDir.resolve("results.json"), controllerFile);
        Files.createSymbolicLink(outDir.resolve("up"), Path.of(j.jenkins.getRootDir().getPath()));
        try (RandomAccessFile huge = new RandomAccessFile(outDir.resolve("huge.json").toFile(), "rw")) {
            huge.setLength(2L << 30);
        }

        FetchedFile link = root.act(new FetchConfinedFile("stressgate-out/x/results.json", StepFiles.MAX_RESULTS_BYTES));
        FetchedFile viaDirectory = root.act(new FetchConfinedFile("stressgate-out/x/up/config.xml", StepFiles.MAX_RESULTS_BYTES));
        FetchedFile traversal = root.act(new FetchConfinedFile("../../config.xml", StepFiles.MAX_RESULTS_BYTES));
        FetchedFile big = root.act(new FetchConfinedFile("stressgate-out/x/huge.json", StepFiles.MAX_RESULTS_BYTES));

        assertThat(link.bytes()).isNull();
        assertThat(link.problem()).contains("symbolic link");
        assertThat(viaDirectory.problem()).contains("symbolic link");
        assertThat(traversal.problem()).contains("must not leave the workspace");
        assertThat(big.bytes()).isNull();
        assertThat(big.problem()).contains("2147483648 bytes");
    }
}
