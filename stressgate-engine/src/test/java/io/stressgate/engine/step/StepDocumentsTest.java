package io.stressgate.engine.step;

import io.stressgate.engine.process.OrphanScan;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ResultsJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepDocumentsTest {
    private final StepDocuments documents = new StepDocuments();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ChaosEvent event(ChaosEvent.Outcome outcome, Long recovered, Long restored) {
        return new ChaosEvent("kill redis", "kill", 1200, "step", "TERM",
                List.of(new ChaosEvent.Target(4242, "redis-server *:6379", "ci")), outcome, null, recovered, restored);
    }

    @Test
    void shouldReadValidResults() {
        assertThat(documents.results(Runs.bytes(Runs.passed())).value()).isEqualTo(Runs.passed());
    }

    @Test
    void shouldRefuseResultsLargerThanTheControllerCapBeforeParsing() {
        byte[] big = new byte[(int) StepFiles.MAX_RESULTS_BYTES + 1];
        Arrays.fill(big, (byte) ' ');

        assertThat(documents.results(big).problem()).contains("larger than the limit of " + StepFiles.MAX_RESULTS_BYTES);
    }

    @Test
    void shouldNameTheJsonPointerOfAProblem() {
        String json = ResultsJson.toJson(Runs.passed()).replace("\"requests\" : 10000", "\"requests\" : -1");

        assertThat(documents.results(utf8(json)).problem()).contains("/load/all/requests");
    }

    @Test
    void shouldReadAChaosEvent() {
        ChaosEvent event = event(ChaosEvent.Outcome.DONE, 800L, null);

        assertThat(documents.chaos(utf8(ResultsJson.toJson(event))).value()).isEqualTo(event);
    }

    @Test
    void shouldRefuseAChaosEventWithUnknownFieldsOrImpossibleValues() {
        String json = ResultsJson.toJson(event(ChaosEvent.Outcome.DONE, 800L, null));

        assertThat(documents.chaos(utf8(json.replace("\"atMs\"", "\"extra\" : 1, \"atMs\""))).problem()).contains("extra");
        assertThat(documents.chaos(utf8(json.replace("\"pid\" : 4242", "\"pid\" : 0"))).problem())
                .contains("/targets/0/pid");
        assertThat(documents.chaos(utf8(json.replace("\"recoveredAfterMs\" : 800", "\"recoveredAfterMs\" : -5"))).problem())
                .contains("/recoveredAfterMs");
        assertThat(documents.chaos(utf8(json.replace("\"atMs\" : 1200,", ""))).problem()).contains("/atMs");
        assertThat(documents.chaos(utf8(json.replace("kill redis", "k".repeat(5000)))).problem()).contains("/name");
        assertThat(documents.chaos(utf8("[]")).problem()).contains("JSON object");
    }

    @Test
    void shouldReadAnOrphanScan() {
        String json = "{\"checked\": 12, \"orphans\": [{\"pid\": 777, \"ppid\": 1, \"command\": \"sleep 1000\", "
                + "\"why\": \"COOKIE\", \"detail\": \"STRESSGATE_RUN matched\", \"reaped\": true}]}";

        OrphanScan.Result scan = documents.orphans(utf8(json)).value();

        assertThat(scan.checked()).isEqualTo(12);
        assertThat(scan.orphans()).containsExactly(new OrphanReport(777, 1, "sleep 1000", OrphanReport.Reason.COOKIE,
                "STRESSGATE_RUN matched", true));
    }

    @Test
    void shouldRefuseAnOrphanScanThatIsNotOfTheContract() {
        assertThat(documents.orphans(utf8("{\"checked\": 1}")).problem()).contains("orphans");
        assertThat(documents.orphans(utf8("{\"checked\": -1, \"orphans\": []}")).problem()).contains("/checked");
        assertThat(documents.orphans(utf8("{\"checked\": \"1\", \"orphans\": []}")).problem()).contains("checked");
        assertThat(documents.orphans(utf8("{\"checked\": 1, \"checked\": 2, \"orphans\": []}")).problem()).contains("checked");
        assertThat(documents.orphans(utf8("{\"checked\": 1, \"orphans\": [{\"pid\": 5, \"ppid\": 1, \"why\": \"MAGIC\", "
                + "\"reaped\": false}]}")).problem()).contains("MAGIC");
    }
}
