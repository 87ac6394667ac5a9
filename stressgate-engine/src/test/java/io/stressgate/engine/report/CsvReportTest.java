package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReportTest {
    private final CsvReport csv = new CsvReport();

    @Test
    void shouldWriteAHeaderWithTFirstAndOneRowPerSample() {
        Samples samples = new Samples(100, List.of("t", "cpu.api", "rss.api", "queue.jobs"), List.of(
                Arrays.asList(0.0, 12.5, 157286400.0, 0.0),
                Arrays.asList(0.1, 13.25, 157290496.0, null),
                Arrays.asList(0.2, 0.0001, 1.5e12, 401.0)), 0.5);

        assertThat(csv.render(samples)).isEqualTo("""
                t,cpu.api,rss.api,queue.jobs
                0,12.5,157286400,0
                0.1,13.25,157290496,
                0.2,0.0001,1500000000000,401
                """);
    }

    @Test
    void shouldWriteNumbersTheSameInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(CsvReport.number(1234.5)).isEqualTo("1234.5");
            assertThat(CsvReport.number(1e-7)).isEqualTo("0.0000001");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldLeaveACellEmptyForAGapOrAValueThatIsNotANumber() {
        assertThat(CsvReport.number(null)).isEmpty();
        assertThat(CsvReport.number(Double.NaN)).isEmpty();
        assertThat(CsvReport.number(Double.POSITIVE_INFINITY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", " =1+1"})
    void shouldNeutraliseATextCellASpreadsheetWouldTakeForAFormula(String name) {
        String cell = CsvReport.text(name);

        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + name);
    }

    @Test
    void shouldQuoteATextCellWithACommaQuoteOrLineBreak() {
        assertThat(CsvReport.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.text("cpu.api")).isEqualTo("cpu.api");
    }
}
