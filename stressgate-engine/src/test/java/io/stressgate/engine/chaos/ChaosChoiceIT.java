package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.ProcStat;
import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessTable;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import io.stressgate.engine.scenario.TargetChoice.Among;
import io.stressgate.engine.scenario.TargetChoice.Pick;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code among} and {@code pick} choose the right processes of a real process tree, and every safety rule applies to
 * what they chose. The tree: a shell P with children A (sleep), B (a subshell, forked like RQ's work horse, with
 * its own child C) and D (sleep), started 300 ms apart so their start times differ.
 */
class ChaosChoiceIT {
    private static final String TREE = "sleep 120 & sleep 0.3; (sleep 120; :) & sleep 0.3; sleep 120 & sleep 0.3; echo ready; wait";

    @TempDir
    Path dir;

    private final Children children = new Children();
    private ChaosFixture chaos;

    @BeforeEach
    void fixture() {
        chaos = new ChaosFixture(dir);
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    /** The pids of one tree. */
    private record Tree(Process shell, long p, long a, long b, long c, long d) {
    }

    private Tree tree() throws Exception {
        Process shell = children.start(List.of("sh", "-c", TREE, "tree-" + Children.cookie()), Map.of());
        children.awaitLine(shell, "ready", Duration.ofSeconds(20));
        ProcessTable table = chaos.proc.table();
        List<ProcStat> kids = table.children(shell.pid()).stream().map(pid -> table.get(pid).orElseThrow())
                .sorted(Comparator.comparingLong(ProcStat::startTicks)).toList();
        assertThat(kids).as("the tree's children").hasSize(3);
        long b = kids.get(1).pid();
        assertThat(table.children(b)).as("B's own child").hasSize(1);
        return new Tree(shell, shell.pid(), kids.get(0).pid(), b, table.children(b).get(0), kids.get(2).pid());
    }

    private ChaosEvent dryRun(long pid, TargetChoice choice, int count, int max) throws InterruptedException {
        return chaos.executor.execute(order(choice, count, max, true), () -> chaos.pids(pid), "test");
    }

    private static ChaosOrder order(TargetChoice choice, int count, int max, boolean dryRun) {
        return new ChaosOrder("kill", ChaosSpec.Action.KILL, Signal.KILL, ChaosSpec.Scope.PROCESS, count, max, choice, null,
                List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, dryRun);
    }

    private static List<Long> pids(ChaosEvent event) {
        assertThat(event.outcome()).as(event.message()).isEqualTo(ChaosEvent.Outcome.DRY_RUN);
        return event.targets().stream().map(ChaosEvent.Target::pid).toList();
    }

    @Test
    void shouldHitTheMatchItselfAmongMatchesAsBefore() throws Exception {
        Tree t = tree();

        ChaosEvent event = dryRun(t.p(), TargetChoice.DEFAULT, 1, 1);

        assertThat(pids(event)).containsExactly(t.p());
        assertThat(event.among()).isEqualTo("matches");
        assertThat(event.pick()).isEqualTo("first");
    }

    @Test
    void shouldTakeTheDirectChildrenAmongChildrenInPidOrder() throws Exception {
        Tree t = tree();

        List<Long> all = pids(dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.FIRST), 3, 3));
        List<Long> first = pids(dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.FIRST), 1, 3));

        assertThat(all).containsExactlyInAnyOrder(t.a(), t.b(), t.d()).isSorted();
        assertThat(first).containsExactly(all.get(0));
    }

    @Test
    void shouldTakeTheProcessesWithoutChildrenAmongLeaves() throws Exception {
        Tree t = tree();

        assertThat(pids(dryRun(t.p(), new TargetChoice(Among.LEAVES, Pick.FIRST), 3, 3)))
                .containsExactlyInAnyOrder(t.a(), t.c(), t.d());
    }

    @Test
    void shouldPickTheOldestAndTheYoungestByStartTime() throws Exception {
        Tree t = tree();

        assertThat(pids(dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.OLDEST), 1, 3))).containsExactly(t.a());
        assertThat(pids(dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.YOUNGEST), 1, 3))).containsExactly(t.d());
        assertThat(pids(dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.YOUNGEST), 2, 3))).containsExactly(t.d(), t.b());
    }

    @Test
    void shouldPickAtRandomOnlyAmongTheCandidates() throws Exception {
        Tree t = tree();
        List<ProcessInfo> candidates = new CandidatePicker(chaos.proc, new Random(0), CandidatePicker.BUSY_WINDOW)
                .candidates(List.of(chaos.proc.process(t.p()).orElseThrow()), Among.CHILDREN, chaos.proc.table());
        Set<Long> picked = new HashSet<>();

        for (int seed = 0; seed < 40; seed++) {
            CandidatePicker picker = new CandidatePicker(chaos.proc, new Random(seed), CandidatePicker.BUSY_WINDOW);
            picker.pick(candidates, Pick.RANDOM, 1).forEach(p -> picked.add(p.pid()));
        }

        assertThat(picked).as("every candidate, and only candidates, came up over 40 seeds").containsExactlyInAnyOrder(t.a(), t.b(), t.d());
    }

    @Test
    void shouldPickTheChildThatIsBusyWithWork() throws Exception {
        Process shell = children.start(List.of("sh", "-c", "sleep 60 & (while :; do :; done) & sleep 60 & echo ready; wait",
                "busy-" + Children.cookie()), Map.of());
        children.awaitLine(shell, "ready", Duration.ofSeconds(20));
        ProcessTable table = chaos.proc.table();
        long worker = table.children(shell.pid()).stream().filter(pid -> table.get(pid).orElseThrow().comm().equals("sh"))
                .findFirst().orElseThrow();

        ChaosEvent event = dryRun(shell.pid(), new TargetChoice(Among.CHILDREN, Pick.BUSY), 1, 3);

        assertThat(pids(event)).containsExactly(worker);
        assertThat(event.pick()).isEqualTo("busy");
    }

    @Test
    void shouldRefuseABusyPickWhenNoCandidateWorks() throws Exception {
        Tree t = tree();

        ChaosEvent event = dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.BUSY), 1, 3);

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.REFUSED);
        assertThat(event.message()).startsWith("refused by rule NOT_BUSY: ").contains("only 0 of 3 used CPU in 200 ms");
    }

    @Test
    void shouldCountCandidatesAgainstMax() throws Exception {
        Tree t = tree();

        ChaosEvent event = dryRun(t.p(), new TargetChoice(Among.CHILDREN, Pick.FIRST), 1, 2);

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.REFUSED);
        assertThat(event.message()).startsWith("refused by rule TOO_MANY: 3 candidates (children of the 1 processes matching");
    }

    @Test
    void shouldRefuseWhenTheMatchHasNoChildren() throws Exception {
        Tree t = tree();

        ChaosEvent event = dryRun(t.a(), new TargetChoice(Among.CHILDREN, Pick.FIRST), 1, 1);

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.REFUSED);
        assertThat(event.message()).startsWith("refused by rule NO_MATCH: no children among the 1 processes matching");
    }

    @Test
    void shouldRefuseWhenAChosenChildIsTheToolItself() throws Exception {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        int siblings = chaos.proc.table().children(parent).size();

        ChaosEvent event = dryRun(parent, new TargetChoice(Among.CHILDREN, Pick.FIRST), siblings, siblings);

        assertThat(event.outcome()).isEqualTo(ChaosEvent.Outcome.REFUSED);
        assertThat(event.message()).contains("rule SELF", "pid " + chaos.self + " is the tool itself");
    }

    @Test
    void shouldSendTheSignalToTheChosenChildOnly() throws Exception {
        Tree t = tree();

        ChaosEvent event = chaos.executor.execute(order(new TargetChoice(Among.CHILDREN, Pick.YOUNGEST), 1, 3, false),
                () -> chaos.pids(t.p()), "test");

        assertThat(event.outcome()).as(event.message()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(event.message()).contains("sent KILL to pid " + t.d() + " (chosen among children, pick youngest)");
        assertThat(Children.await(() -> ProcessHandle.of(t.d()).isEmpty() || chaos.proc.stat(t.d()).map(ProcStat::zombie).orElse(true),
                Duration.ofSeconds(5))).as("D was killed").isTrue();
        assertThat(t.shell().isAlive()).as("the parent lives").isTrue();
        assertThat(ProcessHandle.of(t.a()).map(ProcessHandle::isAlive)).as("A lives").contains(true);
    }
}
