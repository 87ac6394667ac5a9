package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.testprograms.Spawner;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each planted leftover is caught; each clean variant stays silent; other runs' processes and the tool are never touched. */
class OrphanDetectorIT {
    private static final String ZOMBIE_MAKER = "my $p = fork(); exit 0 if $p == 0; sleep 30";
    private static final String REAPING_PARENT = "$| = 1; my $p = fork(); exit 0 if $p == 0; waitpid($p, 0); print \"reaped\\n\"; sleep 30";

    @TempDir
    Path dir;

    private final ProcFs proc = ProcFs.system();
    private final long self = ProcessHandle.current().pid();
    private final String cookie = Children.cookie();
    private final Children children = new Children();
    private final ProcessTreeRecorder recorder = new ProcessTreeRecorder(proc);

    @AfterEach
    void stopEverything() throws InterruptedException {
        children.trackCookie(cookie);
        children.close();
    }

    private OrphanDetector detector(Pattern pattern, boolean newOnly, Set<Long> excluded) {
        OrphanCriteria criteria = new OrphanCriteria(Set.of(cookie), Set.of("our-build"), pattern, excluded, newOnly);
        return new OrphanDetector(proc, criteria, recorder, self);
    }

    private OrphanDetector detector() {
        return detector(null, true, Set.of());
    }

    private long spawnAndKill(String mode, Map<String, String> env, boolean hard) throws Exception {
        Process spawner = children.java(Spawner.class, env, mode, "30");
        long helper = Long.parseLong(children.awaitLine(spawner, "child ", Duration.ofSeconds(20)));
        children.track(helper);
        recorder.record(List.of(spawner.pid()));
        if (hard) {
            spawner.destroyForcibly();
        } else {
            spawner.destroy();
        }
        spawner.waitFor();
        Children.await(() -> proc.stat(helper).map(s -> s.ppid() != spawner.pid()).orElse(true), Duration.ofSeconds(5));
        return helper;
    }

    @Test
    void shouldReportTheHelperAKilledWorkerLeftBehindAsReparented() throws Exception {
        OrphanDetector detector = detector();
        detector.before();

        long helper = spawnAndKill("careless", Map.of(), true);

        assertThat(detector.check().orphans()).singleElement().satisfies(o -> {
            assertThat(o.pid()).isEqualTo(helper);
            assertThat(o.why()).isEqualTo(OrphanReport.Reason.REPARENTED);
            assertThat(o.command()).isEqualTo("sleep 30");
            assertThat(o.detail()).contains("exited and it now belongs to pid");
        });
    }

    @Test
    void shouldStaySilentWhenTheWorkerStopsItsHelperOnTheWayOut() throws Exception {
        OrphanDetector detector = detector();
        detector.before();

        long helper = spawnAndKill("clean", Map.of(), false);

        assertThat(Children.await(() -> proc.stat(helper).isEmpty(), Duration.ofSeconds(5))).isTrue();
        assertThat(detector.check().orphans()).isEmpty();
    }

    @Test
    void shouldTraceAGrandchildWhoseCookieWasStrippedThroughTheRecordedTree() throws Exception {
        OrphanDetector detector = detector();
        detector.before();

        long helper = spawnAndKill("strip-cookie", Map.of("STRESSGATE_RUN", cookie), true);

        assertThat(proc.environ(helper, CommandRunner.COOKIE_VARIABLES)).doesNotContainKey("STRESSGATE_RUN");
        assertThat(detector.check().orphans()).extracting(OrphanReport::pid, OrphanReport::why)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(helper, OrphanReport.Reason.REPARENTED));
    }

    @Test
    void shouldReportASetsidDaemonByTheRunCookie() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        Process launcher = children.start(List.of("setsid", "-f", "sleep", "30"), Map.of("STRESSGATE_RUN", cookie));
        launcher.waitFor();
        assertThat(Children.await(() -> Children.withCookie(cookie).size() == 1, Duration.ofSeconds(5))).isTrue();
        long daemon = Children.withCookie(cookie).iterator().next();

        assertThat(detector.check().orphans()).singleElement().satisfies(o -> {
            assertThat(o.pid()).isEqualTo(daemon);
            assertThat(o.why()).isEqualTo(OrphanReport.Reason.COOKIE);
            assertThat(o.detail()).contains("STRESSGATE_RUN=" + cookie);
        });
    }

    @Test
    void shouldStaySilentWhenEveryProcessOfTheRunEnded() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        children.start(List.of("setsid", "-f", "sleep", "1"), Map.of("STRESSGATE_RUN", cookie)).waitFor();
        // setsid -f returns before its child runs: seen alive first, so "gone" is not read before it even started
        assertThat(Children.await(() -> !Children.withCookie(cookie).isEmpty(), Duration.ofSeconds(5))).as("the daemon ran").isTrue();
        assertThat(Children.await(() -> Children.withCookie(cookie).isEmpty(), Duration.ofSeconds(5))).as("the daemon ended").isTrue();

        assertThat(detector.check().orphans()).isEmpty();
    }

    @Test
    void shouldReportAZombieOfAWatchedParent() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        Process parent = children.start(List.of("perl", "-e", ZOMBIE_MAKER), Map.of());
        recorder.record(List.of(parent.pid()));
        assertThat(Children.await(() -> proc.table().children(parent.pid()).stream()
                .anyMatch(c -> proc.stat(c).map(ProcStat::zombie).orElse(false)), Duration.ofSeconds(5))).isTrue();

        assertThat(detector.check().orphans()).singleElement().satisfies(o -> {
            assertThat(o.why()).isEqualTo(OrphanReport.Reason.ZOMBIE);
            assertThat(o.ppid()).isEqualTo(parent.pid());
            assertThat(o.command()).isEqualTo("[perl] <defunct>");
        });
    }

    @Test
    void shouldReportTheZombieAndItsCookieCarryingParent() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        Process parent = children.start(List.of("perl", "-e", ZOMBIE_MAKER), Map.of("STRESSGATE_RUN", cookie));
        assertThat(Children.await(() -> proc.table().children(parent.pid()).size() == 1
                && proc.stat(proc.table().children(parent.pid()).get(0)).map(ProcStat::zombie).orElse(false), Duration.ofSeconds(5))).isTrue();

        assertThat(detector.check().orphans()).extracting(OrphanReport::ppid, OrphanReport::why).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(self, OrphanReport.Reason.COOKIE),
                org.assertj.core.groups.Tuple.tuple(parent.pid(), OrphanReport.Reason.ZOMBIE));
    }

    @Test
    void shouldStaySilentWhenTheParentReapsItsChild() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        Process parent = children.start(List.of("perl", "-e", REAPING_PARENT), Map.of());
        recorder.record(List.of(parent.pid()));
        children.awaitLine(parent, "reaped", Duration.ofSeconds(10));

        assertThat(proc.table().children(parent.pid())).isEmpty();
        assertThat(detector.check().orphans()).isEmpty();
    }

    @Test
    void shouldReportOnlyNewProcessesMatchingThePattern() throws Exception {
        String unique = Long.toString(30_000_000L + Math.abs(cookie.hashCode() % 1_000_000));
        children.start(List.of("sleep", unique + ".1"), Map.of());
        OrphanDetector detector = detector(Pattern.compile("^sleep " + unique), true, Set.of());
        detector.before();
        Process fresh = children.start(List.of("sleep", unique + ".2"), Map.of());
        Children.await(() -> proc.process(fresh.pid()).map(p -> p.cmdline().size() == 2).orElse(false), Duration.ofSeconds(5));

        assertThat(detector.check().orphans()).singleElement().satisfies(o -> {
            assertThat(o.pid()).isEqualTo(fresh.pid());
            assertThat(o.why()).isEqualTo(OrphanReport.Reason.PATTERN);
        });
    }

    @Test
    void shouldNeverReportNorReapProcessesOfAnotherRunOrBuild() throws Exception {
        String unique = "29" + Math.abs(cookie.hashCode() % 1_000_000);
        String otherRun = Children.cookie();
        Process other = children.start(List.of("sleep", unique), Map.of("STRESSGATE_RUN", otherRun));
        Process otherBuild = children.start(List.of("sleep", unique), Map.of("JENKINS_NODE_COOKIE", "another-build"));
        Process sameBuild = children.start(List.of("sleep", unique), Map.of("JENKINS_NODE_COOKIE", "our-build"));
        Process ours = children.start(List.of("sleep", unique), Map.of("STRESSGATE_RUN", cookie));
        Children.await(() -> proc.process(ours.pid()).map(p -> p.cmdline().size() == 2).orElse(false), Duration.ofSeconds(5));
        OrphanDetector detector = detector(Pattern.compile("^sleep " + unique + "$"), false, Set.of());

        OrphanDetector.Findings found = detector.check();
        List<OrphanReport> reaped = new OrphanReaper(proc, new TreeTerminator(proc, sender()), uid()).reap(found, Duration.ofSeconds(2));

        assertThat(reaped).extracting(OrphanReport::pid, OrphanReport::reaped).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(sameBuild.pid(), true), org.assertj.core.groups.Tuple.tuple(ours.pid(), true));
        assertThat(other.isAlive()).as("another run's process is untouched").isTrue();
        assertThat(otherBuild.isAlive()).as("another build's process is untouched").isTrue();
    }

    @Test
    void shouldReapWithTermThenKillWhatIgnoresTerm() throws Exception {
        OrphanDetector detector = detector();
        detector.before();
        children.start(List.of("setsid", "-f", "sleep", "30"), Map.of("STRESSGATE_RUN", cookie)).waitFor();
        children.start(List.of("setsid", "-f", "perl", "-e", "$SIG{TERM} = 'IGNORE'; sleep 30"), Map.of("STRESSGATE_RUN", cookie)).waitFor();
        assertThat(Children.await(() -> Children.withCookie(cookie).size() == 2, Duration.ofSeconds(5))).isTrue();
        Thread.sleep(200); // perl sets its TERM handler

        List<OrphanReport> reaped = new OrphanReaper(proc, new TreeTerminator(proc, sender()), uid())
                .reap(detector.check(), Duration.ofMillis(500));

        assertThat(reaped).hasSize(2).allSatisfy(o -> assertThat(o.reaped()).isTrue());
        assertThat(Children.withCookie(cookie)).isEmpty();
    }

    @Test
    void shouldNeverReportTheToolItsAncestorsOrExcludedProcesses() throws Exception {
        Process excluded = children.start(List.of("sleep", "30"), Map.of("STRESSGATE_RUN", cookie));
        Children.await(() -> proc.environ(excluded.pid(), CommandRunner.COOKIE_VARIABLES).containsKey("STRESSGATE_RUN"),
                Duration.ofSeconds(5));
        OrphanDetector detector = detector(Pattern.compile("java|maven|surefire|failsafe"), false, Set.of(excluded.pid()));

        List<Long> reported = detector.check().orphans().stream().map(OrphanReport::pid).toList();

        assertThat(reported).doesNotContain(self, excluded.pid());
        assertThat(reported).doesNotContainAnyElementsOf(proc.table().ancestors(self));
    }

    private SignalSender sender() {
        return new SignalSender(proc, new CommandRunner(dir));
    }

    private int uid() {
        return proc.process(self).orElseThrow().uid();
    }
}
