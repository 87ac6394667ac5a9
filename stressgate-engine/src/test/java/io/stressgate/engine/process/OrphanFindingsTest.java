package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OrphanReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrphanFindingsTest {
    private static final OrphanReport HELPER = new OrphanReport(40, 1, "sleep 3600", OrphanReport.Reason.REPARENTED,
            "descends from watched pid 10; its parent pid 20 exited and it now belongs to pid 1", false);
    private static final OrphanReport SERVICE = new OrphanReport(10, 5, "celery worker", OrphanReport.Reason.COOKIE,
            "carries the run cookie", false);

    @Test
    void aHelperOrphanedDuringTheRunIsReportedEvenWhenTheServiceStopEndedIt() {
        OrphanDetector.Findings beforeStop = new OrphanDetector.Findings(30, List.of(SERVICE, HELPER),
                Map.of(10L, new ProcessKey(10, 100), 40L, new ProcessKey(40, 400)));
        OrphanDetector.Findings afterStop = new OrphanDetector.Findings(12, List.of(), Map.of());

        OrphanDetector.Findings merged = afterStop.withEndedSince(beforeStop);

        assertThat(merged.orphans()).singleElement().satisfies(o -> {
            assertThat(o.pid()).isEqualTo(40);
            assertThat(o.why()).isEqualTo(OrphanReport.Reason.REPARENTED);
            assertThat(o.detail()).contains("its parent pid 20 exited", "ended it");
        });
        assertThat(merged.keys()).containsEntry(40L, new ProcessKey(40, 400));
        assertThat(merged.checked()).isEqualTo(12);
    }

    @Test
    void anOrphanStillThereAfterTheStopIsReportedOnce() {
        ProcessKey key = new ProcessKey(40, 400);
        OrphanDetector.Findings beforeStop = new OrphanDetector.Findings(30, List.of(HELPER), Map.of(40L, key));
        OrphanDetector.Findings afterStop = new OrphanDetector.Findings(12, List.of(HELPER), Map.of(40L, key));

        assertThat(afterStop.withEndedSince(beforeStop).orphans()).containsExactly(HELPER);
    }

    @Test
    void aReusedPidIsANewProcessAndTheEndedOrphanStillCounts() {
        OrphanDetector.Findings beforeStop = new OrphanDetector.Findings(30, List.of(HELPER), Map.of(40L, new ProcessKey(40, 400)));
        OrphanReport reused = new OrphanReport(40, 1, "other", OrphanReport.Reason.PATTERN, "matches", false);
        OrphanDetector.Findings afterStop = new OrphanDetector.Findings(12, List.of(reused), Map.of(40L, new ProcessKey(40, 999)));

        assertThat(afterStop.withEndedSince(beforeStop).orphans()).containsExactly(reused);
    }
}
