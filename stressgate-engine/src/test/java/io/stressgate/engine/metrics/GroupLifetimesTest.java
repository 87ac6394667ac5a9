package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ProcessSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupLifetimesTest {
    private static final GroupLifetimes.Liveness GONE = (pid, start) -> false;

    @Test
    void shouldCountAMemberThatVanishedAsADeathAndItsSuccessorAsARestart() {
        GroupLifetimes life = new GroupLifetimes();

        life.tick(100, Map.of(10L, 1L, 11L, 1L), 2, GONE);
        life.tick(200, Map.of(11L, 1L), 1, GONE);
        life.tick(300, Map.of(11L, 1L, 12L, 5L), 2, GONE);

        assertThat(life.deaths()).isEqualTo(1);
        assertThat(life.restarts()).isEqualTo(1);
        assertThat(life.deathList(pid -> pid == 10 ? 137 : null))
                .containsExactly(new ProcessSummary.Death(10, 200, 137, "KILL"));
        assertThat(life.restartList()).containsExactly(new ProcessSummary.Restart(12, 300, 10));
        assertThat(life.countMin()).isEqualTo(1);
        assertThat(life.countEnd()).isEqualTo(2);
        assertThat(life.series()).containsExactly(new ProcessSummary.CountChange(100, 2),
                new ProcessSummary.CountChange(200, 1), new ProcessSummary.CountChange(300, 2));
    }

    @Test
    void shouldNotCountAMemberThatLeftTheSelectionWhileStillRunning() {
        GroupLifetimes life = new GroupLifetimes();

        life.tick(100, Map.of(10L, 1L), 1, GONE);
        life.tick(200, Map.of(), 0, (pid, start) -> pid == 10 && start == 1);

        assertThat(life.deaths()).isZero();
        assertThat(life.countMin()).isZero();
    }

    @Test
    void shouldCountAReusedPidAsTheDeathOfTheOldProcessAndTheRestartOfTheNew() {
        GroupLifetimes life = new GroupLifetimes();

        life.tick(100, Map.of(10L, 1L), 1, GONE);
        life.tick(200, Map.of(10L, 9L), 1, GONE);

        assertThat(life.deaths()).isEqualTo(1);
        assertThat(life.restartList()).containsExactly(new ProcessSummary.Restart(10, 200, 10));
    }

    @Test
    void shouldNotCallNewMembersRestartsWhileNoMemberHasEnded() {
        GroupLifetimes life = new GroupLifetimes();

        life.tick(100, Map.of(10L, 1L), 1, GONE);
        life.tick(200, Map.of(10L, 1L, 11L, 1L), 2, GONE);

        assertThat(life.restarts()).isZero();
        assertThat(life.deathList(pid -> null)).isEmpty();
    }

    @Test
    void shouldSayOnlyThatAProcessDisappearedWhenItsExitIsNotKnown() {
        GroupLifetimes life = new GroupLifetimes();

        life.tick(100, Map.of(10L, 1L), 1, GONE);
        life.tick(200, Map.of(), 0, GONE);

        assertThat(life.deathList(pid -> null)).containsExactly(new ProcessSummary.Death(10, 200, null, null));
        assertThat(ProcessSummary.Death.of(1, 0, 3).signal()).isNull();
        assertThat(ProcessSummary.Death.of(1, 0, 143).signal()).isEqualTo("TERM");
    }
}
