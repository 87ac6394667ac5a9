package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.ProcStat;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every safety rule refuses before anything is sent: a sentinel process that a sent signal would end stays alive,
 * and each refusal names its own rule.
 */
class ChaosSafetyIT {
    @TempDir
    Path dir;

    private final Children children = new Children();
    private ChaosFixture chaos;
    private Process sentinel;

    @BeforeEach
    void startSentinel() throws Exception {
        chaos = new ChaosFixture(dir);
        sentinel = children.start(List.of("sleep", "60"), Map.of());
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    private ChaosEvent kill(Selection selection, ChaosOrder order) throws InterruptedException {
        return chaos.executor.execute(order, () -> selection, "test");
    }

    private void assertRefused(ChaosEvent event, SafetyRule rule, String detail) {
        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.REFUSED);
        assertThat(event.message()).startsWith("refused by rule " + rule + ": ").contains(detail);
        assertThat(sentinel.isAlive()).as("the sentinel was not hit").isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 0, -1, -1234})
    void shouldRefusePidsThatAreInitOrAddressGroups(long pid) throws Exception {
        ChaosEvent event = kill(chaos.pids(pid), ChaosFixture.kill(Signal.KILL));

        assertRefused(event, SafetyRule.PID_RANGE, "pid " + pid + " may not be signalled");
    }

    @Test
    void shouldRefuseTheToolItself() throws Exception {
        assertRefused(kill(chaos.pids(chaos.self), ChaosFixture.kill(Signal.KILL)), SafetyRule.SELF, "is the tool itself");
    }

    @Test
    void shouldRefuseEveryAncestorOfTheTool() throws Exception {
        List<Long> ancestors = chaos.proc.table().ancestors(chaos.self);

        for (long ancestor : ancestors.subList(0, ancestors.size() - 1)) {
            assertRefused(kill(chaos.pids(ancestor), ChaosFixture.kill(Signal.KILL)), SafetyRule.ANCESTOR, "is an ancestor of the tool");
        }
        assertThat(ancestors).last().isEqualTo(1L);
        assertRefused(kill(chaos.pids(1), ChaosFixture.kill(Signal.KILL)), SafetyRule.PID_RANGE, "1 is init");
    }

    @Test
    void shouldRefuseTheToolsOwnProcessGroup() throws Exception {
        assertThat(chaos.proc.stat(sentinel.pid()).orElseThrow().pgid()).isEqualTo(chaos.me.stat().pgid());

        ChaosEvent event = kill(chaos.pids(sentinel.pid()), ChaosFixture.kill(Signal.KILL, ChaosSpec.Scope.GROUP, 1, 1));

        assertRefused(event, SafetyRule.OWN_GROUP, "is the tool's own process group");
    }

    @Test
    void shouldRefuseAnotherUsersProcessUnlessTheAuditedOverrideIsGiven() throws Exception {
        Process nobody = children.start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sleep", "60"), Map.of());
        assertThat(Children.await(() -> chaos.proc.process(nobody.pid()).map(p -> p.uid() == 65534).orElse(false),
                Duration.ofSeconds(5))).as("the process runs as nobody").isTrue();

        ChaosEvent refused = kill(chaos.pids(nobody.pid()), ChaosFixture.kill(Signal.KILL));
        assertRefused(refused, SafetyRule.OTHER_USER, "pid " + nobody.pid() + " of uid 65534 not owned by uid 0");
        assertThat(nobody.isAlive()).isTrue();

        ChaosOrder override = new ChaosOrder("kill", ChaosSpec.Action.KILL, Signal.KILL, ChaosSpec.Scope.PROCESS, 1, 1, null,
                List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, true, false);
        ChaosEvent done = kill(chaos.pids(nobody.pid()), override);
        assertThat(done.outcome()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(nobody.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(chaos.stateDir.resolve("audit.jsonl")))
                .contains("\"what\":\"other-user-override\"").contains("pid " + nobody.pid() + " of uid 65534");
    }

    @Test
    void shouldFailLoudlyWhenNothingMatches() throws Exception {
        Selection none = new Selection(List.of(), chaos.finder.find(new ProcessQuery(Set.of(), null, null,
                Pattern.compile("no-such-process-" + Children.cookie()), null)), "command line /no-such-process/");

        assertRefused(kill(none, ChaosFixture.kill(Signal.KILL)), SafetyRule.NO_MATCH, "no process matches command line /no-such-process/");
    }

    @Test
    void shouldRefuseEveryMatchWhenMoreMatchThanTheMaximum() throws Exception {
        String unique = "28" + Math.abs(Children.cookie().hashCode() % 1_000_000);
        List<Process> three = List.of(children.start(List.of("sleep", unique), Map.of()), children.start(List.of("sleep", unique), Map.of()),
                children.start(List.of("sleep", unique), Map.of()));
        Pattern pattern = Pattern.compile("^sleep " + unique + "$");
        Children.await(() -> chaos.finder.find(new ProcessQuery(Set.of(), null, null, pattern, null)).size() == 3, Duration.ofSeconds(5));
        Selection all = new Selection(List.of(), chaos.finder.find(new ProcessQuery(Set.of(), null, null, pattern, null)), "the sleepers");

        ChaosEvent event = kill(all, ChaosFixture.kill(Signal.KILL, ChaosSpec.Scope.PROCESS, 1, 2));

        assertRefused(event, SafetyRule.TOO_MANY, "3 processes match the sleepers, more than max 2");
        assertThat(three).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
    }

    @Test
    void shouldRefuseAPidWhoseStartTimeChangedSinceItWasSelected() throws Exception {
        ProcessInfo now = chaos.proc.process(sentinel.pid()).orElseThrow();
        ProcStat s = now.stat();
        ProcessInfo selectedEarlier = new ProcessInfo(new ProcStat(s.pid(), s.comm(), s.state(), s.ppid(), s.pgid(), s.sid(),
                s.threads(), s.startTicks() - 1), now.uid(), now.cmdline());

        ChaosEvent event = kill(new Selection(List.of(), List.of(selectedEarlier), "pid " + s.pid()), ChaosFixture.kill(Signal.KILL));

        assertRefused(event, SafetyRule.PID_REUSED, "the pid belongs to another process");
    }

    @Test
    void shouldRefuseAProcessThatExitedAfterItWasSelected() throws Exception {
        Process brief = children.start(List.of("sleep", "0.1"), Map.of());
        ProcessInfo selected = chaos.proc.process(brief.pid()).orElseThrow();
        brief.waitFor();

        ChaosEvent event = kill(new Selection(List.of(), List.of(selected), "pid " + brief.pid()), ChaosFixture.kill(Signal.KILL));

        assertRefused(event, SafetyRule.TARGET_GONE, "exited after it was selected");
    }

    @Test
    void shouldRefuseEverythingWhileTheKillSwitchIsOn() throws Exception {
        ChaosFixture off = new ChaosFixture(dir, Map.of("STRESSGATE_CHAOS_DISABLED", "1"), null);
        ChaosEvent kill = off.executor.execute(ChaosFixture.kill(Signal.KILL), () -> chaos.pids(sentinel.pid()), "test");
        ChaosEvent stop = off.executor.execute(ChaosFixture.stop(List.of("touch", dir.resolve("stopped").toString()),
                List.of("true"), Duration.ofMillis(10), ChaosSpec.Recovery.NONE), () -> null, "test");

        assertRefused(kill, SafetyRule.KILL_SWITCH, "STRESSGATE_CHAOS_DISABLED=1");
        assertRefused(stop, SafetyRule.KILL_SWITCH, "STRESSGATE_CHAOS_DISABLED=1");
        assertThat(dir.resolve("stopped")).doesNotExist();

        Files.createDirectories(chaos.stateDir);
        Files.createFile(chaos.stateDir.resolve(KillSwitch.FILE_NAME));
        assertRefused(kill(chaos.pids(sentinel.pid()), ChaosFixture.kill(Signal.KILL)), SafetyRule.KILL_SWITCH,
                "the file " + chaos.stateDir.resolve("chaos-disabled"));
    }

    @Test
    void shouldListTargetsAndSendNothingInADryRun() throws Exception {
        ChaosOrder dry = new ChaosOrder("kill", ChaosSpec.Action.KILL, Signal.KILL, ChaosSpec.Scope.PROCESS, 1, 1, null,
                List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, true);

        ChaosEvent event = kill(chaos.pids(sentinel.pid()), dry);

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.DRY_RUN);
        assertThat(event.targets()).extracting(ChaosEvent.Target::pid, ChaosEvent.Target::command)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sentinel.pid(), "sleep 60"));
        assertThat(event.message()).isEqualTo("dry run: would send KILL to pid " + sentinel.pid() + "; nothing was sent");
        assertThat(sentinel.isAlive()).isTrue();
    }
}
