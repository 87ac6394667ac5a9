package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ExternalRun;
import io.stressgate.engine.result.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalSectionTest {
    private static RunResults withTool(boolean complete) {
        ExternalRun.Imported imported = new ExternalRun.Imported("/out/external/locust/locust_stats.csv", "locust", "unknown",
                1_983, 2_230L, complete, complete ? null : "Locust's CSV holds 1,983 requests but its summary printed at exit"
                + " counts 2,230");
        return ReportFixtures.run().toBuilder().external(new ExternalRun("locust", "locust", List.of("locust", "--headless"),
                "external/locust-1.log", 1_200L, 9_900L, 0, "passed", "external tool locust exited with code 0", imported)).build();
    }

    @Test
    void shouldSayInTheSummaryWhenTheToolsOwnCountsMayBeIncomplete() {
        String md = new SummaryReport().render(withTool(false));

        assertThat(md).contains("External load tool (locust)").contains("The tool's own counts may be incomplete")
                .contains("Locust's CSV holds 1,983 requests but its summary printed at exit counts 2,230")
                .contains("passed (exit code 0)").contains("external/locust-1.log");
    }

    @Test
    void shouldShowNoWarningWhenTheCountsAreComplete() {
        String md = new SummaryReport().render(withTool(true));

        assertThat(md).contains("External load tool (locust)").doesNotContain("may be incomplete");
    }

    @Test
    void shouldLeaveTheSectionOutWithoutAnExternalTool() {
        assertThat(new SummaryReport().render(ReportFixtures.run())).doesNotContain("External load tool");
    }
}
