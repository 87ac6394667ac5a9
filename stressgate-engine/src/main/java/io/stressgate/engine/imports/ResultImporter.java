package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a load tool's result file into {@link ImportedResults}, as a stream (a file of any size never sits in
 * memory). What {@code file} names depends on the format:
 * <ul>
 *   <li>{@code LOCUST}: the {@code --csv} prefix ({@code out/run} for {@code out/run_stats.csv}) or the
 *       {@code _stats.csv} file itself; {@code _stats_history.csv} beside it is read when present.</li>
 *   <li>{@code JMETER}: a JTL file, CSV (with or without header) or XML.</li>
 *   <li>{@code GATLING}: a Gatling 3.x text {@code simulation.log}, or the run directory holding it.</li>
 *   <li>{@code K6}: the file of {@code --out json=FILE} (points) or of {@code --summary-export FILE}.</li>
 * </ul>
 * A file that is not what its format says fails with an {@link ImportException} naming the file and line.
 */
public final class ResultImporter {

    public ImportedResults read(ImportFormat format, Path file) throws IOException {
        return switch (format) {
            case LOCUST -> new LocustReader().read(file);
            case JMETER -> new JmeterReader().read(file);
            case GATLING, K6 -> throw new ImportException(file, 0, "the " + format.id()
                    + " importer is not built yet");
        };
    }
}
