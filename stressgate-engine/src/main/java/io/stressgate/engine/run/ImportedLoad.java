package io.stressgate.engine.run;

import io.stressgate.engine.imports.ImportFormat;
import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.imports.LoadTranslator;
import io.stressgate.engine.imports.LocustExitSummary;
import io.stressgate.engine.imports.ResultImporter;
import io.stressgate.engine.imports.ToolVersionFinder;
import io.stressgate.engine.result.ExternalRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads an external tool's results with the {@link ResultImporter} and turns them into the run's load figures with
 * the one {@link LoadTranslator}, placing the interval series on the tool's time axis, and records what was imported:
 * the tool's version (asked of its installation when the file does not say) and whether its totals are complete.
 */
final class ImportedLoad implements ToolResults {
    private final ResultImporter importer;
    private final LocustExitSummary exitSummary;
    private final ToolVersionFinder versions;
    private final LoadTranslator translator = new LoadTranslator();

    ImportedLoad(ResultImporter importer, LocustExitSummary exitSummary, ToolVersionFinder versions) {
        this.importer = importer;
        this.exitSummary = exitSummary;
        this.versions = versions;
    }

    @Override
    public Read read(String format, Path path, Instant startedAt, Duration ran, Path log) throws IOException {
        ImportFormat f = ImportFormat.parse(format);
        ImportedResults r = versions.complete(f, importer.read(f, path));
        LocustExitSummary.Account account = exitSummary.account(f, r, log);
        ExternalRun.Imported imported = new ExternalRun.Imported(r.file().toString(), r.tool(), r.version(),
                r.total().requests(), account.printedAtExit(), account.complete(), account.reason());
        return new Read(translator.load(r, ran), translator.series(r, startedAt), imported, r);
    }
}
