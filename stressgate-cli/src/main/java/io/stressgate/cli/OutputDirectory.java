package io.stressgate.cli;

import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.result.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code --out} directory of a run: checked and created before anything starts (a bad one is invalid input, exit
 * 2), then claimed for the new run by replacing whatever an earlier run left there with "in progress" outputs.
 */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /** The directory, created if missing; a path that cannot be a directory is a usage error naming why. */
    static Path prepare(Path out) {
        checkDotDots(out);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + ": is a file, not a directory; give a directory for the reports");
        }
        try {
            Path dir = Files.createDirectories(out);
            if (!Files.isWritable(dir)) {
                throw new UsageException("--out " + out + ": the directory is not writable");
            }
            return dir;
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("--out " + out + ": cannot be created as a directory (" + reason(e) + ")");
        }
    }

    /**
     * The system resolves {@code a/..} only when {@code a} exists, while Java would create the directories as if it
     * did and then fail at the first file: refuse such a path before anything is created.
     */
    private static void checkDotDots(Path out) {
        for (int i = 1; i < out.getNameCount(); i++) {
            if (out.getName(i).toString().equals("..")) {
                Path before = out.getRoot() == null ? out.subpath(0, i) : out.getRoot().resolve(out.subpath(0, i));
                if (!Files.isDirectory(before)) {
                    throw new UsageException("--out " + out + ": " + before + " does not exist, so \"" + before
                            + "/..\" cannot be resolved; give a path without it");
                }
            }
        }
    }

    /**
     * Replaces the directory's outputs by the run's stand-ins before anything starts; a directory that cannot take
     * them is a usage error (nothing ran yet).
     */
    static void claim(Path dir, RunResults inProgress) {
        try {
            new ReportWriter().startRun(inProgress, dir);
        } catch (IOException e) {
            throw new UsageException("--out " + dir + ": the outputs of the run cannot be written there: " + e.getMessage());
        }
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
