package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.testsupport.Children;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Invariants of this machine's /proc as read through {@link ProcFs}, checked against the JDK's own view. */
class ProcFsIT {
    private final ProcFs proc = ProcFs.system();
    private final long self = ProcessHandle.current().pid();
    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldSeeThisProcessAsTheJdkSeesIt() {
        ProcessInfo me = proc.process(self).orElseThrow();

        assertThat(proc.pids()).contains(self);
        assertThat(me.stat().ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(me.uid()).isEqualTo((int) new com.sun.security.auth.module.UnixSystem().getUid());
        assertThat(me.cmdline().get(0)).endsWith("java");
        assertThat(me.stat().threads()).isGreaterThan(1);
        assertThat(proc.stat(self).orElseThrow().startTicks()).isEqualTo(me.stat().startTicks()).isPositive();
        assertThat(proc.fdCount(self).orElseThrow()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldFindTheToolsAncestorsUpToInit() {
        ProcessTable table = proc.table();

        List<Long> ancestors = table.ancestors(self);

        assertThat(ancestors).first().isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(ancestors).last().isEqualTo(1L);
    }

    @Test
    void shouldSeeAListeningSocketOfThisProcessByItsPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<ListeningSocket> held = proc.listening(self, proc.listening());

            assertThat(held).extracting(ListeningSocket::port).contains(server.getLocalPort());
        }
    }

    @Test
    void shouldSeeAChildItsEnvironmentAndItsStoppedState() throws Exception {
        String cookie = Children.cookie();
        Process sleeper = children.start(List.of("sleep", "30"), Map.of("STRESSGATE_RUN", cookie));
        ProcStat child = proc.stat(sleeper.pid()).orElseThrow();

        assertThat(proc.table().descendants(self)).extracting(ProcStat::pid).contains(sleeper.pid());
        assertThat(child.startTicks()).isGreaterThanOrEqualTo(proc.stat(self).orElseThrow().startTicks());
        assertThat(proc.environ(sleeper.pid(), CommandRunner.COOKIE_VARIABLES)).containsEntry("STRESSGATE_RUN", cookie);
        assertThat(proc.process(sleeper.pid()).orElseThrow().cmdline()).containsExactly("sleep", "30");

        new SignalSender(proc, new CommandRunner(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))))
                .send(child.key(), Signal.STOP);
        assertThat(Children.await(() -> proc.stat(sleeper.pid()).map(s -> s.state() == 'T').orElse(false),
                Duration.ofSeconds(5))).as("the child shows as stopped").isTrue();
    }

    @Test
    void shouldReportNothingForAProcessThatIsGone() throws Exception {
        Process quick = children.start(List.of("true"), Map.of());
        quick.waitFor();

        assertThat(proc.stat(quick.pid())).isEmpty();
        assertThat(proc.process(quick.pid())).isEmpty();
        assertThat(proc.environ(quick.pid(), CommandRunner.COOKIE_VARIABLES)).isEmpty();
        assertThat(proc.fdTargets(quick.pid())).isNull();
    }
}
