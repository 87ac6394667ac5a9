package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.PidLife;
import io.stressgate.engine.result.ProcessSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group's processes followed tick by tick: lifetimes, peaks, a reused pid, and the RSS curve's bounded size. */
class MemberMemoryTest {

    @Test
    void shouldKeepEachProcesssLifetimeAndPeakAndHowItEnded() {
        MemberMemory m = new MemberMemory();
        m.saw(0, 10, 500, 40);
        m.saw(0, 11, 501, 50);
        m.tickDone(0);
        m.saw(100, 10, 500, 45);
        m.saw(100, 11, 501, 90);
        m.tickDone(100);
        m.saw(200, 10, 500, 42);
        m.saw(200, 12, 700, 30);
        m.tickDone(200);

        List<PidLife> lives = m.lives(List.of(ProcessSummary.Death.of(11, 200, 137)));

        assertThat(lives).containsExactly(new PidLife(10, 0, 200, 45, true, null, null),
                new PidLife(11, 0, 100, 90, false, 137, "KILL"), new PidLife(12, 200, 200, 30, true, null, null));
        assertThat(m.pidsSeen()).isEqualTo(3);
    }

    @Test
    void shouldTakeAReusedPidWithANewStartTimeForANewProcess() {
        MemberMemory m = new MemberMemory();
        m.saw(0, 10, 500, 40);
        m.tickDone(0);
        m.saw(100, 10, 900, 20);
        m.tickDone(100);

        assertThat(m.pidsSeen()).isEqualTo(2);
        assertThat(m.lives(List.of())).extracting(PidLife::firstSeenMs, PidLife::running)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, false), org.assertj.core.groups.Tuple.tuple(100L, true));
    }

    @Test
    void shouldHalveTheCurvesResolutionWhenItIsFullRatherThanGrowWithoutBound() {
        MemberMemory m = new MemberMemory();
        int offered = MemberMemory.MAX_POINTS * 3;
        for (int s = 0; s < offered; s++) {
            m.groupRss(s * 1000L, s);
        }

        var curve = m.curve();
        assertThat(curve.size()).isLessThanOrEqualTo(MemberMemory.MAX_POINTS).isGreaterThan(MemberMemory.MAX_POINTS / 2);
        assertThat(curve.get(0).atMs()).isZero();
        assertThat(curve.get(curve.size() - 1).atMs()).as("the end of the run stays on the curve")
                .isGreaterThan((offered - 8) * 1000L);
    }
}
