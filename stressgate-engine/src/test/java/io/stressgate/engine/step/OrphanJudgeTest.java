package io.stressgate.engine.step;

import io.stressgate.engine.process.OrphanScan;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OrphanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrphanJudgeTest {
    private final OrphanJudge judge = new OrphanJudge();

    private static OrphanReport orphan(long pid, boolean reaped) {
        return new OrphanReport(pid, 1, "python -m worker --daemon", OrphanReport.Reason.COOKIE, "setsid daemon", reaped);
    }

    @Test
    void shouldSucceedWhenNothingOutlivedTheRun() {
        StepOutcome outcome = judge.judge(0, Received.of(new OrphanScan.Result(57, List.of())));

        assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(outcome.details()).containsExactly("no orphans among 57 processes checked");
    }

    @Test
    void shouldFailNamingEveryOrphan() {
        StepOutcome outcome = judge.judge(1, Received.of(new OrphanScan.Result(57, List.of(orphan(901, true), orphan(902, false)))));

        assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(outcome.message()).contains("2 processes outlived the run (1 reaped)", "pid 901 (parent 1, COOKIE, reaped)",
                "pid 902 (parent 1, COOKIE)", "setsid daemon");
    }

    @Test
    void shouldListAtMostTwentyOrphansAndSayHowManyMore() {
        List<OrphanReport> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(orphan(1000 + i, true));
        }

        assertThat(judge.judge(1, Received.of(new OrphanScan.Result(100, many))).message()).contains("pid 1019").doesNotContain("pid 1020")
                .contains("... and 5 more");
    }

    @Test
    void shouldFailClosedWhenTheExitCodeAndTheScanDisagree() {
        assertThat(judge.judge(0, Received.of(new OrphanScan.Result(5, List.of(orphan(9, false))))).message()).contains("not trusted");
        assertThat(judge.judge(1, Received.of(new OrphanScan.Result(5, List.of()))).result()).isEqualTo(BuildResult.FAILURE);
        assertThat(judge.judge(2, Received.of(new OrphanScan.Result(5, List.of()))).result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void shouldFailWhenThereIsNoScan() {
        assertThat(judge.judge(0, StepDocuments.notFetched(StepFiles.ORPHANS, "missing")).message()).contains("no usable scan");
    }

    @Test
    void shouldReturnCountsToTheScript() {
        assertThat(OrphanJudge.stepResult(new OrphanScan.Result(57, List.of(orphan(1, true), orphan(2, false)))))
                .containsExactly(Map.entry("checked", 57), Map.entry("orphans", 2), Map.entry("reaped", 1));
    }
}
