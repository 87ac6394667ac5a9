package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a long run are streamed to their files: a JVM whose heap holds the run's results only a few times
 * over writes them all (a merge of 16 shards x 1 h once died writing report.html under -Xmx256m).
 */
class ReportWriterHeapIT {
    /** About 3.5 times the results.json of an hour of intervals: room for the run's results, not for copies of them. */
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void shouldWriteTheReportsOfAnHourOfIntervalsInAHeapOfAFewTimesItsResults() throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), HourOfIntervals.class.getName(),
                dir.toString()));

        Process child = children.start(argv, Map.of());

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the writer ends within 2 minutes").isTrue();
        long written = Long.parseLong(children.awaitLine(child, "written", Duration.ofSeconds(5)));
        assertThat(child.exitValue()).isZero();
        assertThat(written).as("results.json is a large part of the heap").isGreaterThan(12_000_000L);
        var read = new ResultsReader().read(dir.resolve(ReportWriter.RESULTS));
        assertThat(read.timeSeries().all()).hasSize(HourOfIntervals.INTERVALS);
        String embedded = Jsoup.parse(dir.resolve(ReportWriter.HTML).toFile()).getElementById(HtmlPage.DATA_ID).data();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(embedded)).isEqualTo(mapper.readTree(dir.resolve(ReportWriter.RESULTS).toFile()));
        assertThat(Files.readString(dir.resolve(ReportWriter.SUMMARY))).startsWith("# Stress test results");
    }
}
