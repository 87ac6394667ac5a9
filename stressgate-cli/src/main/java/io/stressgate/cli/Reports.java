package io.stressgate.cli;

import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's output files: results.json, junit.xml, summary.md, report.html and, with samples, metrics.csv. */
final class Reports {
    private Reports() {
    }

    static List<Path> write(RunResults results, Path dir) throws IOException {
        return new ReportWriter().write(results, dir);
    }
}
