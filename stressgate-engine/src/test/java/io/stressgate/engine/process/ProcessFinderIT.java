package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.testprograms.Listener;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFinderIT {
    @TempDir
    Path dir;

    private final ProcFs proc = ProcFs.system();
    private final long self = ProcessHandle.current().pid();
    private final ProcessFinder finder = new ProcessFinder(proc, self);
    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldFindTheProcessListeningOnAPort() throws Exception {
        Process listener = children.java(Listener.class, Map.of(), "0", "0");
        int port = Integer.parseInt(children.awaitLine(listener, "listening on", Duration.ofSeconds(20)));

        List<ProcessInfo> found = finder.find(new ProcessQuery(Set.of(), null, null, null, port));

        assertThat(found).extracting(ProcessInfo::pid).containsExactly(listener.pid());
    }

    @Test
    void shouldFindByNameAndPatternTogetherAndByPidFile() throws Exception {
        String unique = "25" + Math.abs(dir.hashCode() % 1_000_000);
        Process sleeper = children.start(List.of("sleep", unique), Map.of());
        Path pidFile = Files.writeString(dir.resolve("sleeper.pid"), sleeper.pid() + "\n");
        Children.await(() -> proc.process(sleeper.pid()).map(p -> p.cmdline().size() == 2).orElse(false), Duration.ofSeconds(5));

        assertThat(finder.find(new ProcessQuery(Set.of(), null, "sleep", Pattern.compile(unique), null)))
                .extracting(ProcessInfo::pid).containsExactly(sleeper.pid());
        assertThat(finder.find(new ProcessQuery(Set.of(), null, "perl", Pattern.compile(unique), null))).isEmpty();
        assertThat(finder.find(new ProcessQuery(Set.of(), pidFile, null, null, null))).extracting(ProcessInfo::pid)
                .containsExactly(sleeper.pid());
        assertThat(finder.find(new ProcessQuery(Set.of(), dir.resolve("missing.pid"), null, null, null))).isEmpty();
    }

    @Test
    void shouldNeverMatchItselfByPatternLikePgrepButReturnItselfByPid() {
        String ownCommandLine = proc.process(self).orElseThrow().commandLine();
        Pattern anything = Pattern.compile(Pattern.quote(ownCommandLine));

        assertThat(finder.find(new ProcessQuery(Set.of(), null, null, anything, null))).extracting(ProcessInfo::pid).doesNotContain(self);
        assertThat(finder.find(new ProcessQuery(Set.of(self), null, null, null, null))).extracting(ProcessInfo::pid).containsExactly(self);
    }
}
