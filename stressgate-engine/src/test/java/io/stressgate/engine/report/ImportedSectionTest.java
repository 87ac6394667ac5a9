package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ImportedRun;
import io.stressgate.engine.result.RunResults;
import org.junit.jupiter.api.Test;

class ImportedSectionTest {
    private static RunResults imported(boolean complete) {
        return ReportFixtures.run().toBuilder().imported(new ImportedRun("locust", "2.12.1", "locust", "/data/run_stats.csv",
                "3c53d5ccfdea28c5eacd3bfd39b0830fc1d7aa4d60e8265af12693cce55f0a70", 675, 36, 429, complete,
                complete ? null : "no output of Locust was given to check them against")).build();
    }

    @Test
    void shouldNameTheFileTheToolAndWarnWhenTheFileMayBeIncomplete() {
        String md = new SummaryReport().render(imported(false));
        String html = new HtmlReport().render(imported(false));

        assertThat(md).contains("Imported from locust (locust)").contains(Text.markdown("/data/run_stats.csv")).contains("locust 2.12.1")
                .contains("3c53d5ccfdea28c5eacd3bfd39b0830fc1d7aa4d60e8265af12693cce55f0a70")
                .contains("The file may not hold every request").contains("no output of Locust was given");
        assertThat(html).contains("Imported from locust (locust)").contains("The file may not hold every request");
    }

    @Test
    void shouldShowNoWarningForACompleteFileAndNoSectionForARunThatWasNotImported() {
        assertThat(new SummaryReport().render(imported(true))).contains("Imported from locust").doesNotContain("may not hold");
        assertThat(new SummaryReport().render(ReportFixtures.run())).doesNotContain("Imported from");
    }
}
