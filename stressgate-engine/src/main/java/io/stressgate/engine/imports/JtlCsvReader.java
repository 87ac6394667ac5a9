package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a JMeter JTL saved as CSV, with a header or without one (then in JMeter's default columns: 17 of JMeter 5,
 * 16 of JMeter 3.1 to 4, 15 of JMeter 2.13 to 3.0). Each line is one sample: timeStamp (epoch ms), elapsed (ms),
 * label, responseCode, success, bytes and allThreads feed the histograms. A last line without its line end is not
 * counted and marks the import incomplete, as does a file that grows while it is read.
 */
final class JtlCsvReader {
    static final List<String> JMETER5 = List.of("timeStamp", "elapsed", "label", "responseCode", "responseMessage",
            "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads",
            "URL", "Latency", "IdleTime", "Connect");
    static final List<String> JMETER31 = JMETER5.stream().filter(c -> !c.equals("URL")).toList();
    static final List<String> JMETER213 = JMETER31.stream().filter(c -> !c.equals("sentBytes")).toList();
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final ByteKeys<NameBook> labels = new ByteKeys<>();
    private final ByteKeys<String> codes = new ByteKeys<>();
    private final SampleBook book = new SampleBook();

    ImportedResults read(Path file) throws IOException {
        long sizeAtStart = Files.size(file);
        String cutOff = null;
        long lines;
        long bytes;
        try (CsvRecords in = new CsvRecords(file)) {
            if (!in.next()) {
                throw new ImportException(file, 0, "the file is empty");
            }
            Columns cols = columns(in);
            boolean more = cols.header() ? in.next() : true;
            for (; more; more = in.next()) {
                if (in.isBlank()) {
                    continue;
                }
                if (!in.terminated()) {
                    cutOff = "line " + in.line() + " is cut off (no line end): the file was truncated or still being "
                            + "written, and that line was not counted";
                    break;
                }
                sample(in, cols);
            }
            lines = in.line();
            bytes = in.bytesRead();
        }
        long sizeAtEnd = Files.size(file);
        String grew = bytes > sizeAtStart || sizeAtEnd > bytes ? "the file grew while it was read (from " + sizeAtStart
                + " to " + sizeAtEnd + " bytes): JMeter was still writing it" : null;
        String reason = cutOff != null ? cutOff : grew;
        return book.results("jmeter", "unknown", file, lines, reason == null, reason);
    }

    private record Columns(boolean header, int size, int timeStamp, int elapsed, int label, int code, int success,
                           int bytes, int users) {
    }

    private static Columns columns(CsvRecords in) throws ImportException {
        if (in.number(0) >= 0) {
            List<String> layout = switch (in.count()) {
                case 17 -> JMETER5;
                case 16 -> JMETER31;
                case 15 -> JMETER213;
                default -> throw in.problem("no header, and " + in.count() + " fields are none of JMeter's default "
                        + "layouts (17, 16 or 15 fields): save the JTL with its header "
                        + "(jmeter.save.saveservice.print_field_names=true)");
            };
            return columns(new CsvHeader(layout), false, in);
        }
        String first = in.text(0);
        if (!first.equals("timeStamp")) {
            throw in.problem("the first line is neither a JTL header (starting with timeStamp) nor a sample "
                    + "(starting with an epoch-millisecond time stamp): '" + abbreviate(first) + "'");
        }
        String[] names = new String[in.count()];
        for (int i = 0; i < names.length; i++) {
            names[i] = in.text(i);
        }
        return columns(new CsvHeader(List.of(names)), true, in);
    }

    private static Columns columns(CsvHeader h, boolean header, CsvRecords in) throws ImportException {
        FilePosition at = in;
        return new Columns(header, h.size(), h.require("timeStamp", at), h.require("elapsed", at), h.require("label", at),
                h.require("responseCode", at), h.require("success", at), h.has("bytes") ? h.require("bytes", at) : -1,
                h.has("allThreads") ? h.require("allThreads", at) : -1);
    }

    private void sample(CsvRecords in, Columns c) throws ImportException {
        if (in.count() != c.size()) {
            throw in.problem("expected " + c.size() + " fields" + (c.header() ? " as in the header" : "")
                    + ", found " + in.count());
        }
        long ts = in.number(c.timeStamp());
        if (ts < 0) {
            throw in.problem("column 'timeStamp': '" + abbreviate(in.text(c.timeStamp())) + "' is not epoch "
                    + "milliseconds (save the JTL with jmeter.save.saveservice.timestamp_format=ms)");
        }
        long elapsed = count(in, c.elapsed(), "elapsed");
        boolean ok = in.is(c.success(), TRUE);
        if (!ok && !in.is(c.success(), FALSE)) {
            throw in.problem("column 'success': '" + abbreviate(in.text(c.success())) + "' is neither true nor false");
        }
        long bytes = c.bytes() < 0 ? 0 : count(in, c.bytes(), "bytes");
        long users = c.users() < 0 ? -1 : in.number(c.users());
        book.add(label(in, c.label()), ts, elapsed * 1000, !ok, code(in, c.code()), bytes, users);
    }

    private static long count(CsvRecords in, int field, String name) throws ImportException {
        long v = in.number(field);
        if (v < 0) {
            throw in.problem("column '" + name + "': '" + abbreviate(in.text(field)) + "' is not a whole number");
        }
        return v;
    }

    private NameBook label(CsvRecords in, int field) throws ImportException {
        byte[] b = in.buffer();
        NameBook name = labels.get(b, in.start(field), in.end(field));
        if (name == null) {
            String text = in.text(field);
            name = book.name(text);
            if (name == null) {
                throw in.problem(SampleBook.tooManyNames(text));
            }
            labels.put(b, in.start(field), in.end(field), name);
        }
        return name;
    }

    private String code(CsvRecords in, int field) throws ImportException {
        byte[] b = in.buffer();
        String code = codes.get(b, in.start(field), in.end(field));
        if (code == null) {
            code = in.text(field);
            codes.put(b, in.start(field), in.end(field), code);
        }
        return code;
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
