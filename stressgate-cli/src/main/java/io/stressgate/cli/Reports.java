package io.stressgate.cli;

import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a run's output files. */
final class Reports {
    private Reports() {
    }

    static void write(RunResults results, Path dir) throws IOException {
        ResultsJson.write(results, dir.resolve("results.json"));
    }
}
