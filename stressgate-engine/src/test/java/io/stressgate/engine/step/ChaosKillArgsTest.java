package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.Signal;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosKillArgsTest {
    private static List<ArgumentProblem> problems(ChaosInput in) {
        try {
            ChaosKillArgs.of(in.input());
        } catch (StepArgumentException e) {
            assertThat(e.step()).isEqualTo("chaosKill");
            return e.problems();
        }
        throw new AssertionError("expected the arguments to be refused: " + in.input());
    }

    private static List<String> parameters(ChaosInput in) {
        return problems(in).stream().map(ArgumentProblem::parameter).toList();
    }

    @Test
    void shouldKillOneProcessWithTermByDefault() throws Exception {
        ChaosKillArgs args = ChaosInput.name("redis-server").args();

        assertThat(args.target()).isEqualTo(new ChaosTarget.Name("redis-server"));
        assertThat(args.signal()).isEqualTo(Signal.TERM);
        assertThat(args.count()).isEqualTo(1);
        assertThat(args.max()).isEqualTo(1);
        assertThat(args.scope()).isEqualTo(ChaosSpec.Scope.PROCESS);
        assertThat(args.action()).isEqualTo("kill");
        assertThat(args.dryRun()).isFalse();
        assertThat(args.command()).isNull();
        assertThat(args.restore()).isNull();
        assertThat(args.recover()).isNull();
    }

    @Test
    void shouldHitTheFirstMatchesUnlessAChoiceIsGiven() throws Exception {
        ChaosInput rq = ChaosInput.name("rq");
        rq.among = "children";
        ChaosInput celery = ChaosInput.name("celery");
        celery.among = "Children";
        celery.pick = "busy";
        celery.max = 4;

        assertThat(ChaosInput.name("w").args().choice()).isEqualTo(TargetChoice.DEFAULT);
        assertThat(rq.args().choice()).isEqualTo(new TargetChoice(TargetChoice.Among.CHILDREN, TargetChoice.Pick.FIRST));
        assertThat(celery.args().choice()).isEqualTo(new TargetChoice(TargetChoice.Among.CHILDREN, TargetChoice.Pick.BUSY));
    }

    @Test
    void shouldRefuseAnUnknownChoiceNamingTheParameterAndTheChoices() {
        ChaosInput in = ChaosInput.name("w");
        in.among = "grandchildren";
        in.pick = "laziest";

        assertThat(problems(in)).extracting(ArgumentProblem::parameter, ArgumentProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("among", "\"grandchildren\" is not one of matches, children, leaves"),
                org.assertj.core.groups.Tuple.tuple("pick", "\"laziest\" is not one of first, oldest, youngest, random, busy"));
    }

    @Test
    void shouldRefuseAChoiceOfProcessesForAStop() {
        ChaosInput in = new ChaosInput();
        in.command = List.of("redis-cli", "shutdown");
        in.restore = List.of("redis-server");
        in.pauseFor = "5s";
        in.among = "children";

        assertThat(problems(in)).singleElement().satisfies(p -> assertThat(p.message()).contains("among does not apply to stop: a stop runs a command"));
    }

    @Test
    void shouldAcceptEachKindOfTarget() throws Exception {
        ChaosInput pidFile = new ChaosInput();
        pidFile.pidFile = "./run/worker.pid";
        ChaosInput cmdline = new ChaosInput();
        cmdline.cmdline = "celery .*worker";
        ChaosInput port = new ChaosInput();
        port.port = 6379;

        assertThat(ChaosInput.pid(4242).args().target()).isEqualTo(new ChaosTarget.Pid(4242));
        assertThat(pidFile.args().target()).isEqualTo(new ChaosTarget.PidFile("run/worker.pid"));
        assertThat(cmdline.args().target()).isEqualTo(new ChaosTarget.Cmdline("celery .*worker"));
        assertThat(port.args().target()).isEqualTo(new ChaosTarget.Port(6379));
    }

    @Test
    void shouldAcceptEverySignalOptionWhenAllAreValid() throws Exception {
        ChaosInput in = new ChaosInput();
        in.cmdline = "worker";
        in.signal = "sigkill";
        in.count = 2;
        in.max = 3;
        in.scope = "Group";
        in.recoverTcp = "127.0.0.1:6379";
        in.recoverTimeout = "90s";
        in.dryRun = true;

        ChaosKillArgs args = in.args();

        assertThat(args.signal()).isEqualTo(Signal.KILL);
        assertThat(args.count()).isEqualTo(2);
        assertThat(args.max()).isEqualTo(3);
        assertThat(args.scope()).isEqualTo(ChaosSpec.Scope.GROUP);
        assertThat(args.recover()).isEqualTo(new RecoverProbe.Tcp("127.0.0.1", 6379));
        assertThat(args.recoverTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(args.dryRun()).isTrue();
    }

    @Test
    void shouldPauseWithStopWhenAPauseIsGiven() throws Exception {
        ChaosInput in = ChaosInput.name("redis-server");
        in.pauseFor = "5s";
        in.recoverHttp = "http://127.0.0.1:8080/health";

        ChaosKillArgs args = in.args();

        assertThat(args.action()).isEqualTo("pause");
        assertThat(args.signal()).isEqualTo(Signal.STOP);
        assertThat(args.pauseFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(args.recover()).isEqualTo(new RecoverProbe.Http(URI.create("http://127.0.0.1:8080/health")));
    }

    @Test
    void shouldStopAServiceWithACommandAndRestoreItAfterThePause() throws Exception {
        ChaosInput in = new ChaosInput();
        in.command = List.of("redis-cli", "-p", 6379, "shutdown");
        in.restore = List.of("redis-server", "--port", "6379");
        in.pauseFor = "10s";

        ChaosKillArgs args = in.args();

        assertThat(args.action()).isEqualTo("stop");
        assertThat(args.target()).isNull();
        assertThat(args.signal()).isNull();
        assertThat(args.command()).containsExactly("redis-cli", "-p", "6379", "shutdown");
        assertThat(args.restore()).containsExactly("redis-server", "--port", "6379");
    }

    @Test
    void shouldRefuseAStopWithATargetOrWithoutRestoreAndPause() {
        ChaosInput in = ChaosInput.name("redis-server");
        in.command = List.of("redis-cli", "shutdown");
        in.signal = "KILL";

        assertThat(parameters(in)).containsExactly("pid", "signal", "pauseFor", "restore");
    }

    @Test
    void shouldRefuseARestoreWithoutAStop() {
        ChaosInput in = ChaosInput.name("redis-server");
        in.restore = List.of("redis-server");

        assertThat(problems(in)).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("restore");
            assertThat(p.message()).contains("restore does not apply to kill: only a stop is restored");
        });
    }

    @Test
    void shouldRequireExactlyOneTarget() {
        ChaosInput two = ChaosInput.pid(4242);
        two.name = "redis-server";

        assertThat(problems(new ChaosInput())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("a target is required"));
        assertThat(problems(two)).singleElement().satisfies(p -> assertThat(p.message()).contains("2 targets are given"));
    }

    @Test
    void shouldRefuseProcessIdsThatAddressTheSystemOrAGroup() {
        for (long pid : new long[] {1, 0, -1, -1234}) {
            assertThat(parameters(ChaosInput.pid(pid))).containsExactly("pid");
        }
    }

    @Test
    void shouldRefuseShellMetacharactersInAName() {
        for (String name : List.of("redis; touch pwned-canary", "$(id)", "`id`", "a|b", "a&&b", "a\\nb", "", "bin/redis")) {
            assertThat(parameters(ChaosInput.name(name))).containsExactly("name");
        }
    }

    @Test
    void shouldReportEveryProblemAtOnceWithItsParameterName() {
        ChaosInput in = new ChaosInput();
        in.pidFile = "../x.pid";
        in.port = 70000;
        in.signal = "BOOM";
        in.count = 0;
        in.max = 5000;
        in.scope = "planet";
        in.pauseFor = "2h";
        in.recoverHttp = "file:///etc/passwd";
        in.recoverTcp = "localhost:1";
        in.recoverCommand = List.of("x");
        in.recoverTimeout = "1y";

        assertThat(parameters(in)).containsExactly("pidFile", "pid", "signal", "scope", "recoverHttp", "recoverTimeout", "count",
                "max", "port", "pauseFor");
    }

    @Test
    void shouldHoldEveryValueToTheBoundsOfAChaosActionUnderItsParameterName() {
        ChaosInput in = ChaosInput.name("redis; id");
        in.count = 1500;
        in.pauseFor = "2h";
        in.recoverTcp = "127.0.0.1:6379";
        in.recoverTimeout = "50ms";

        assertThat(problems(in)).extracting(ArgumentProblem::toString).containsExactly(
                "count: count 1500 must be between 1 and 1000",
                "name: name \"redis; id\" is not an executable name (1 to 128 of A-Z a-z 0-9 @ . _ : + -, no directory)",
                "recoverTimeout: recoverTimeout 50ms must be between 100ms and 1h",
                "pauseFor: pauseFor 2h must be more than 0 and at most 1h");
    }

    @Test
    void shouldRefuseACommandLinePatternLongerThanEveryFrontEndAllows() {
        ChaosInput in = new ChaosInput();
        in.cmdline = "w".repeat(513);

        assertThat(parameters(in)).containsExactly("cmdline");
    }

    @Test
    void shouldRefuseAnInvalidRegularExpression() {
        ChaosInput in = new ChaosInput();
        in.cmdline = "worker(";

        assertThat(problems(in)).singleElement().satisfies(p -> assertThat(p.message()).contains("not a regular expression"));
    }

    @Test
    void shouldRefuseMoreToActOnThanMayMatch() {
        ChaosInput in = ChaosInput.name("w");
        in.count = 3;
        in.max = 2;

        assertThat(parameters(in)).containsExactly("count");
    }

    @Test
    void shouldRefuseASignalOtherThanStopWithAPause() {
        ChaosInput in = ChaosInput.name("w");
        in.signal = "KILL";
        in.pauseFor = "5s";

        assertThat(parameters(in)).containsExactly("signal");
    }

    @Test
    void shouldRefuseARecoveryTimeoutWithoutAProbe() {
        ChaosInput in = ChaosInput.name("w");
        in.recoverTimeout = "30s";

        assertThat(parameters(in)).containsExactly("recoverTimeout");
    }

    @Test
    void shouldRefuseACommandWithANonTextArgument() {
        ChaosInput in = new ChaosInput();
        in.command = List.of("stop", List.of());
        in.restore = List.of("start");
        in.pauseFor = "1s";

        assertThat(parameters(in)).containsExactly("command[1]");
    }

    @Test
    void shouldRefuseABadTcpProbe() {
        for (String tcp : List.of("6379", "host:", "host:99999", "ho st:1", ":80")) {
            ChaosInput in = ChaosInput.name("w");
            in.recoverTcp = tcp;
            assertThat(parameters(in)).containsExactly("recoverTcp");
        }
    }
}
