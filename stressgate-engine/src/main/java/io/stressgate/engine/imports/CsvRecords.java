package io.stressgate.engine.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads CSV records from a file of any size through one reused byte buffer: fields are byte ranges, numbers are
 * parsed from the bytes, and a field becomes a String only when asked (strict UTF-8). Quoted fields may hold commas,
 * doubled quotes and line ends. Counts lines so problems name the line a record starts on; a NUL byte is binary.
 */
final class CsvRecords implements Closeable, FilePosition {
    private static final int MAX_RECORD = 1 << 26;
    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private int[] start = new int[32];
    private int[] end = new int[32];
    private boolean[] quoted = new boolean[32];
    private int count;
    private long line;
    private long nextLine = 1;
    private boolean terminated;
    private long bytes;

    CsvRecords(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return false;
            }
            int done = scan(pos);
            if (done >= 0) {
                line = nextLine;
                nextLine += newlines(pos, done);
                pos = done;
                return true;
            }
            fill();
        }
    }

    /** Parses the record at {@code p}; returns the position after it, or -1 when the buffer ends first. */
    private int scan(int p) throws ImportException {
        count = 0;
        int i = p;
        while (true) {
            if (count == start.length) {
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
                quoted = Arrays.copyOf(quoted, count * 2);
            }
            boolean q = i < limit && buf[i] == '"';
            int fs = q ? i + 1 : i;
            i = q ? quotedEnd(fs) : plainEnd(i);
            if (i < 0) {
                return -1;
            }
            int fe = i;
            if (q) {
                i++;
            }
            if (i + 1 >= limit && !eof && i < limit && buf[i] == '\r') {
                return -1;
            }
            if (i < limit && buf[i] != ',' && buf[i] != '\n' && !(buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n')) {
                throw new ImportException(file, nextLine + newlines(p, i), "text after the closing quote of a field");
            }
            if (!q && fe > fs && fe == i && i < limit && buf[i] == '\n' && buf[fe - 1] == '\r') {
                fe--;
            } else if (q && i < limit && buf[i] == '\r') {
                i++;
            }
            start[count] = fs;
            end[count] = fe;
            quoted[count++] = q;
            if (i >= limit) {
                terminated = false;
                return i;
            }
            if (buf[i++] == '\n') {
                terminated = true;
                return i;
            }
        }
    }

    private int plainEnd(int i) throws ImportException {
        while (i < limit) {
            byte b = buf[i];
            if (b == ',' || b == '\n') {
                return i;
            }
            if (b == 0) {
                throw binary(i);
            }
            i++;
        }
        return eof ? i : -1;
    }

    private int quotedEnd(int i) throws ImportException {
        while (i < limit) {
            byte b = buf[i];
            if (b == '"') {
                if (i + 1 >= limit && !eof) {
                    return -1;
                }
                if (i + 1 < limit && buf[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            if (b == 0) {
                throw binary(i);
            }
            i++;
        }
        if (eof) {
            throw new ImportException(file, nextLine, "a quoted field is not closed before the end of the file");
        }
        return -1;
    }

    private ImportException binary(int at) {
        return new ImportException(file, nextLine + newlines(pos, at), "a NUL byte: this is a binary file, not text");
    }

    private long newlines(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Moves the unread bytes to the front and reads more; false when nothing more came (then eof is set). */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD) {
                throw new ImportException(file, nextLine, "a record longer than " + MAX_RECORD + " bytes");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return limit > pos;
        }
        limit += n;
        bytes += n;
        return true;
    }

    int count() {
        return count;
    }

    /** The line the current record starts on. */
    long line() {
        return line;
    }

    /** Whether the current record ended with a line end (false: the file ends in the middle of it). */
    boolean terminated() {
        return terminated;
    }

    long bytesRead() {
        return bytes;
    }

    Path file() {
        return file;
    }

    boolean isBlank() {
        return count == 1 && start[0] == end[0] && !quoted[0];
    }

    byte[] buffer() {
        return buf;
    }

    int start(int field) {
        return start[field];
    }

    int end(int field) {
        return end[field];
    }

    boolean quoted(int field) {
        return quoted[field];
    }

    boolean is(int field, byte[] word) {
        return Arrays.equals(buf, start[field], end[field], word, 0, word.length);
    }

    /** A field as text: unquoted, strict UTF-8. */
    String text(int field) throws ImportException {
        byte[] raw = Arrays.copyOfRange(buf, start[field], end[field]);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            return quoted[field] ? s.replace("\"\"", "\"") : s;
        } catch (CharacterCodingException e) {
            throw problem("field " + (field + 1) + " holds bytes that are not UTF-8 text: a binary file?");
        }
    }

    /** A field as a non-negative whole number, or -1 when it is not one. */
    long number(int field) {
        int s = start[field];
        int e = end[field];
        if (s == e || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    @Override
    public ImportException problem(String message) {
        return new ImportException(file, line, message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
