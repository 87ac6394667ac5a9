package io.stressgate.engine.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Gatling 3.x text {@code simulation.log} (tab-separated lines: {@code RUN} with the Gatling version,
 * {@code USER}, {@code REQUEST groups name start end OK|KO message}, {@code GROUP}, {@code ERROR}), or the run
 * directory holding it. Every REQUEST is a sample; Gatling logs no HTTP status, so statuses stay empty. The binary
 * log of Gatling 3.13 and later is refused with a message saying so (3.10.5, 3.11.5 and 3.12.0 were seen writing text,
 * 3.13.5 binary).
 */
final class GatlingReader {
    private final SampleBook book = new SampleBook();

    ImportedResults read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("simulation.log") : path;
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file, 0, "no such file (give simulation.log or the run directory holding it)");
        }
        refuseBinary(file);
        String version = null;
        String reason = null;
        long lines;
        try (LineSource in = new LineSource(file)) {
            for (String line = in.next(); line != null; line = in.next()) {
                if (!in.lastTerminated()) {
                    reason = "line " + in.number() + " is cut off (no line end): Gatling was stopped or still writing, "
                            + "and that line was not counted";
                    break;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "RUN" -> version = run(f, in);
                    case "REQUEST" -> request(f, in);
                    case "USER", "GROUP", "ERROR", "ASSERTION" -> { }
                    default -> {
                        if (!line.isBlank()) {
                            throw in.problem("'" + JtlCsvReader.abbreviate(f[0]) + "' is not a Gatling 3 record "
                                    + "(RUN, USER, REQUEST, GROUP, ERROR)");
                        }
                    }
                }
                if (version == null && in.number() == 1) {
                    throw in.problem("the first line is not Gatling's RUN record");
                }
            }
            lines = in.number();
        }
        if (lines == 0) {
            throw new ImportException(file, 0, "the file is empty");
        }
        return book.results("gatling", version, file, lines, reason == null, reason);
    }

    private static void refuseBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            if (first >= 0 && first != 'R') {
                throw new ImportException(file, 1, "not a Gatling 3 text log: it does not start with RUN. Gatling 3.13 "
                        + "and later write a binary simulation.log, which is not supported: import the results of "
                        + "Gatling 3.12 or earlier");
            }
        }
    }

    /** RUN simulationClass simulationId start description version: the version is the last field. */
    private static String run(String[] f, LineSource in) throws ImportException {
        if (f.length < 6) {
            throw in.problem("a RUN record has " + f.length + " fields, Gatling 3 writes 6");
        }
        return f[f.length - 1].trim();
    }

    /** REQUEST groups name start end status message. */
    private void request(String[] f, LineSource in) throws ImportException {
        if (f.length < 7) {
            throw in.problem("a REQUEST record has " + f.length + " fields, Gatling 3 writes 7");
        }
        long start = millis(f[3], "start", in);
        long end = millis(f[4], "end", in);
        if (end < start) {
            throw in.problem("the request ends (" + end + ") before it starts (" + start + ")");
        }
        if (!f[5].equals("OK") && !f[5].equals("KO")) {
            throw in.problem("status '" + JtlCsvReader.abbreviate(f[5]) + "' is neither OK nor KO");
        }
        String name = f[1].isEmpty() ? f[2] : f[1].replace(',', '/') + "/" + f[2];
        NameBook book = this.book.name(name);
        if (book == null) {
            throw in.problem(SampleBook.tooManyNames(name));
        }
        this.book.add(book, start, (end - start) * 1000, f[5].equals("KO"), null, 0, -1);
    }

    private static long millis(String v, String what, LineSource in) throws ImportException {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
            throw in.problem("the " + what + " time " + v + " is negative");
        } catch (NumberFormatException e) {
            throw in.problem("the " + what + " time '" + JtlCsvReader.abbreviate(v) + "' is not epoch milliseconds");
        }
    }
}
