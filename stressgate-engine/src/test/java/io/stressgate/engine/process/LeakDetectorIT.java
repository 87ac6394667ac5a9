package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LeakReport;
import io.stressgate.engine.testprograms.Leaker;
import io.stressgate.engine.testsupport.Children;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each planted leak shows up in the report; the clean variant reports nothing. */
class LeakDetectorIT {
    private final ProcFs proc = ProcFs.system();
    private final LeakDetector detector = new LeakDetector(proc);
    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    private LeakReport leakWhileWatched(String mode, int count) throws Exception {
        Process leaker = children.java(Leaker.class, Map.of(), mode, Integer.toString(count));
        children.awaitLine(leaker, "ready", Duration.ofSeconds(20));
        ProcessKey key = proc.stat(leaker.pid()).orElseThrow().key();
        Map<String, List<ProcessKey>> watched = Map.of("worker", List.of(key));
        var before = detector.snapshot(watched);

        leaker.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        leaker.getOutputStream().flush();
        children.awaitLine(leaker, "done", Duration.ofSeconds(20));

        return detector.compare(before, detector.snapshot(watched));
    }

    @Test
    void shouldReportFilesOpenedAndNeverClosed() throws Exception {
        LeakReport report = leakWhileWatched("fds", 5);

        assertThat(report.fds()).isEqualTo(5);
        assertThat(report.ports()).isZero();
        assertThat(report.details()).singleElement().satisfies(d -> {
            assertThat(d.process()).isEqualTo("worker");
            assertThat(d.kind()).isEqualTo("fds");
            assertThat(d.after() - d.before()).isEqualTo(5);
            assertThat(d.items()).hasSize(5).allSatisfy(item -> assertThat(item).contains("leaker").endsWith(".tmp"));
        });
    }

    @Test
    void shouldReportListeningPortsOpenedDuringTheLoad() throws Exception {
        LeakReport report = leakWhileWatched("port", 2);

        assertThat(report.ports()).isEqualTo(2);
        assertThat(report.details()).filteredOn(d -> d.kind().equals("ports")).singleElement()
                .satisfies(d -> assertThat(d.items()).hasSize(2).allSatisfy(i -> assertThat(i).startsWith("127.0.0.1:")));
    }

    @Test
    void shouldReportNothingWhenEveryFileIsClosedAgain() throws Exception {
        LeakReport report = leakWhileWatched("clean", 5);

        assertThat(report).isEqualTo(new LeakReport(0, 0, 0, List.of()));
    }

    @Test
    void shouldReportAChildNobodyReaped() throws Exception {
        Process parent = children.start(List.of("perl", "-e", "sleep 1; my $p = fork(); exit 0 if $p == 0; sleep 30"), Map.of());
        ProcessKey key = proc.stat(parent.pid()).orElseThrow().key();
        var before = detector.snapshot(Map.of("parent", List.of(key)));
        assertThat(Children.await(() -> proc.table().children(parent.pid()).stream()
                .anyMatch(c -> proc.stat(c).map(ProcStat::zombie).orElse(false)), Duration.ofSeconds(10))).isTrue();

        LeakReport report = detector.compare(before, detector.snapshot(Map.of("parent", List.of(key))));

        assertThat(report.zombies()).isEqualTo(1);
        assertThat(report.details()).extracting(LeakReport.Detail::kind).containsExactly("zombies");
    }
}
