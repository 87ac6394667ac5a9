package io.stressgate.engine.imports;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text result file line by line as strict UTF-8, counting lines, so every problem names its line; a NUL
 * character or bytes that are not UTF-8 fail as a binary file. Knows whether the last line ended with a newline.
 */
final class LineSource implements Closeable, FilePosition {
    private final Path file;
    private final BufferedReader in;
    private long number;
    private boolean lastTerminated = true;

    LineSource(Path file) throws IOException {
        this.file = file;
        this.in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** The next line without its end, or null at the end of the file. */
    String next() throws IOException {
        StringBuilder line = null;
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (line == null) {
                    line = new StringBuilder(128);
                }
                if (c == '\n') {
                    break;
                }
                if (c == 0) {
                    throw new ImportException(file, number + 1, "a NUL byte: this is a binary file, not text");
                }
                line.append((char) c);
            }
            if (line == null) {
                return null;
            }
            lastTerminated = c == '\n';
        } catch (CharacterCodingException e) {
            throw new ImportException(file, number + 1, "bytes that are not UTF-8 text: a binary file?");
        }
        number++;
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    /** The number of the line {@link #next} returned last. */
    long number() {
        return number;
    }

    /** Whether the line read last ended with a newline; false means the file was cut off or is still being written. */
    boolean lastTerminated() {
        return lastTerminated;
    }

    Path file() {
        return file;
    }

    @Override
    public ImportException problem(String message) {
        return new ImportException(file, number, message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
