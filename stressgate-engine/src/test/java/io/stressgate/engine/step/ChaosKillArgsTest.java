package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosKillArgsTest {
    private static ChaosKillArgs.Input target(Long pid, String pidFile, String name, String cmdline, Integer port) {
        return new ChaosKillArgs.Input(pid, pidFile, name, cmdline, port, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static List<ArgumentProblem> problems(ChaosKillArgs.Input in) {
        try {
            ChaosKillArgs.of(in);
        } catch (StepArgumentException e) {
            assertThat(e.step()).isEqualTo("chaosKill");
            return e.problems();
        }
        throw new AssertionError("expected the arguments to be refused: " + in);
    }

    @Test
    void shouldKillOneProcessWithTermByDefault() throws Exception {
        ChaosKillArgs args = ChaosKillArgs.of(target(null, null, "redis-server", null, null));

        assertThat(args.target()).isEqualTo(new ChaosTarget.Name("redis-server"));
        assertThat(args.signal()).isEqualTo(ChaosKillArgs.Signal.TERM);
        assertThat(args.count()).isEqualTo(1);
        assertThat(args.max()).isEqualTo(1);
        assertThat(args.scope()).isEqualTo(ChaosKillArgs.Scope.PROCESS);
        assertThat(args.action()).isEqualTo("kill");
        assertThat(args.dryRun()).isFalse();
        assertThat(args.restore()).isNull();
        assertThat(args.recover()).isNull();
    }

    @Test
    void shouldAcceptEachKindOfTarget() throws Exception {
        assertThat(ChaosKillArgs.of(target(4242L, null, null, null, null)).target()).isEqualTo(new ChaosTarget.Pid(4242));
        assertThat(ChaosKillArgs.of(target(null, "./run/worker.pid", null, null, null)).target())
                .isEqualTo(new ChaosTarget.PidFile("run/worker.pid"));
        assertThat(ChaosKillArgs.of(target(null, null, null, "celery .*worker", null)).target())
                .isEqualTo(new ChaosTarget.Cmdline("celery .*worker"));
        assertThat(ChaosKillArgs.of(target(null, null, null, null, 6379)).target()).isEqualTo(new ChaosTarget.Port(6379));
    }

    @Test
    void shouldAcceptEveryOptionWhenAllAreValid() throws Exception {
        ChaosKillArgs args = ChaosKillArgs.of(new ChaosKillArgs.Input(null, null, null, "worker", null, "sigkill", 2, 3,
                "Group", null, List.of("systemctl", "--user", "start", "worker"), null, "127.0.0.1:6379", null, "90s", true));

        assertThat(args.signal()).isEqualTo(ChaosKillArgs.Signal.KILL);
        assertThat(args.count()).isEqualTo(2);
        assertThat(args.max()).isEqualTo(3);
        assertThat(args.scope()).isEqualTo(ChaosKillArgs.Scope.GROUP);
        assertThat(args.restore()).containsExactly("systemctl", "--user", "start", "worker");
        assertThat(args.recover()).isEqualTo(new RecoverProbe.Tcp("127.0.0.1", 6379));
        assertThat(args.recoverTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(args.dryRun()).isTrue();
    }

    @Test
    void shouldPauseWithStopWhenAPauseIsGiven() throws Exception {
        ChaosKillArgs args = ChaosKillArgs.of(new ChaosKillArgs.Input(null, null, "redis-server", null, null, null, null,
                null, null, "5s", null, "http://127.0.0.1:8080/health", null, null, null, null));

        assertThat(args.action()).isEqualTo("pause");
        assertThat(args.signal()).isEqualTo(ChaosKillArgs.Signal.STOP);
        assertThat(args.pauseFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(args.recover()).isEqualTo(new RecoverProbe.Http(URI.create("http://127.0.0.1:8080/health")));
    }

    @Test
    void shouldRequireExactlyOneTarget() {
        assertThat(problems(target(null, null, null, null, null))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("a target is required"));
        assertThat(problems(target(4242L, null, "redis-server", null, null))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("2 targets are given"));
    }

    @Test
    void shouldRefuseProcessIdsThatAddressTheSystemOrAGroup() {
        for (long pid : new long[] {1, 0, -1, -1234}) {
            assertThat(problems(target(pid, null, null, null, null))).extracting(ArgumentProblem::parameter)
                    .containsExactly("pid");
        }
    }

    @Test
    void shouldRefuseShellMetacharactersInAName() {
        for (String name : List.of("redis; touch pwned-canary", "$(id)", "`id`", "a|b", "a&&b", "a\nb", "")) {
            assertThat(problems(target(null, null, name, null, null))).extracting(ArgumentProblem::parameter)
                    .containsExactly("name");
        }
    }

    @Test
    void shouldReportEveryProblemAtOnceWithItsParameterName() {
        List<ArgumentProblem> problems = problems(new ChaosKillArgs.Input(null, "../x.pid", null, null, 70000, "BOOM", 0,
                5000, "planet", "2h", List.of(), "file:///etc/passwd", "localhost:1", List.of("x"), "1y", null));

        assertThat(problems).extracting(ArgumentProblem::parameter).containsExactly("pidFile", "port", "pid", "signal",
                "count", "max", "scope", "pauseFor", "restore", "recoverHttp", "recoverTimeout");
    }

    @Test
    void shouldRefuseAnInvalidRegularExpression() {
        assertThat(problems(target(null, null, null, "worker(", null))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a regular expression"));
    }

    @Test
    void shouldRefuseMoreToActOnThanMayMatch() {
        assertThat(problems(new ChaosKillArgs.Input(null, null, "w", null, null, null, 3, 2, null, null, null, null, null,
                null, null, null))).singleElement().satisfies(p -> assertThat(p.parameter()).isEqualTo("count"));
    }

    @Test
    void shouldRefuseASignalOtherThanStopWithAPause() {
        assertThat(problems(new ChaosKillArgs.Input(null, null, "w", null, null, "KILL", null, null, null, "5s", null, null,
                null, null, null, null))).singleElement().satisfies(p -> assertThat(p.parameter()).isEqualTo("signal"));
    }

    @Test
    void shouldRefuseARecoveryTimeoutWithoutAProbe() {
        assertThat(problems(new ChaosKillArgs.Input(null, null, "w", null, null, null, null, null, null, null, null, null,
                null, null, "30s", null))).singleElement().satisfies(p -> assertThat(p.parameter()).isEqualTo("recoverTimeout"));
    }

    @Test
    void shouldRefuseARestoreCommandWithANonTextArgument() {
        assertThat(problems(new ChaosKillArgs.Input(null, null, "w", null, null, null, null, null, null, null,
                List.of("start", List.of()), null, null, null, null, null))).singleElement()
                .satisfies(p -> assertThat(p.parameter()).isEqualTo("restore[1]"));
    }

    @Test
    void shouldRefuseABadTcpProbe() {
        for (String tcp : List.of("6379", "host:", "host:99999", "ho st:1", ":80")) {
            assertThat(problems(new ChaosKillArgs.Input(null, null, "w", null, null, null, null, null, null, null, null,
                    null, tcp, null, null, null))).extracting(ArgumentProblem::parameter).containsExactly("recoverTcp");
        }
    }
}
