package io.stressgate.cli;

import io.stressgate.engine.result.ResultsException;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds and reads results.json given as a file or as a run directory, turning every problem into a usage error. */
final class ResultsFiles {
    static final String FILE_NAME = io.stressgate.engine.report.ReportWriter.RESULTS;

    private ResultsFiles() {
    }

    /** The results file itself, or {@code results.json} inside a run directory. */
    static Path locate(Path fileOrDirectory) {
        return Files.isDirectory(fileOrDirectory, LinkOption.NOFOLLOW_LINKS) ? fileOrDirectory.resolve(FILE_NAME) : fileOrDirectory;
    }

    static RunResults read(Path fileOrDirectory) {
        Path file = locate(fileOrDirectory);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException(file + ": no such file");
        }
        try {
            return new ResultsReader().read(file);
        } catch (ResultsException e) {
            throw new UsageException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
