package io.stressgate.engine.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JMeter JTL file, telling XML (first non-blank byte '<') from CSV. */
final class JmeterReader {
    ImportedResults read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file, 0, "no such file");
        }
        return isXml(file) ? new JtlXmlReader().read(file) : new JtlCsvReader().read(file);
    }

    private static boolean isXml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            int i = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb ? 3 : 0;
            while (i < head.length && Character.isWhitespace(head[i])) {
                i++;
            }
            return i < head.length && head[i] == '<';
        }
    }
}
