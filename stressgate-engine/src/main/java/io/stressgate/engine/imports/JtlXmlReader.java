package io.stressgate.engine.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JMeter JTL saved as XML with StAX, one element at a time: every {@code httpSample} or {@code sample} directly
 * under {@code testResults} is a sample (t, ts, s, lb, rc, by, na); nested sub-samples are part of their parent, as
 * in JMeter's own reports. DTDs are refused, so no entity is ever expanded or fetched. A file that ends before
 * {@code </testResults>} (JMeter stopped or still writing) is imported as incomplete.
 */
final class JtlXmlReader {
    private final SampleBook book = new SampleBook();

    ImportedResults read(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        long sizeAtStart = Files.size(file);
        EndWatch stream = new EndWatch(Files.newInputStream(file));
        XMLStreamReader xml = null;
        long line = 0;
        String reason = null;
        try (stream) {
            xml = factory.createXMLStreamReader(stream);
            int depth = 0;
            boolean root = false;
            while (xml.hasNext()) {
                int event = xml.next();
                line = xml.getLocation().getLineNumber();
                if (event == XMLStreamConstants.DTD) {
                    throw new ImportException(file, line, "a DOCTYPE: JTL files have none, and DTDs are refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 1) {
                        if (!name.equals("testResults")) {
                            throw new ImportException(file, line, "the root element is <" + name
                                    + ">, not <testResults>: not a JMeter JTL");
                        }
                        root = true;
                    } else if (depth == 2 && (name.equals("httpSample") || name.equals("sample"))) {
                        sample(xml, file, line);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (!root) {
                throw new ImportException(file, line, "the file is empty");
            }
        } catch (XMLStreamException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNumber();
            if (!stream.ended || book.samples() == 0) {
                throw new ImportException(file, at, "not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "));
            }
            reason = "the XML ends at line " + at + " before </testResults>: JMeter was stopped or still writing";
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    reason = reason == null ? "the XML reader failed to close: " + e.getMessage() : reason;
                }
            }
        }
        if (reason == null && (stream.count > sizeAtStart || Files.size(file) > stream.count)) {
            reason = "the file grew while it was read: JMeter was still writing it";
        }
        return book.results("jmeter", "unknown", file, line, reason == null, reason);
    }

    private void sample(XMLStreamReader xml, Path file, long line) throws ImportException {
        String label = attribute(xml, "lb", file, line);
        long ts = number(xml, "ts", file, line, true);
        long elapsed = number(xml, "t", file, line, true);
        String s = attribute(xml, "s", file, line);
        if (!s.equals("true") && !s.equals("false")) {
            throw new ImportException(file, line, "attribute s='" + s + "' is neither true nor false");
        }
        String rc = xml.getAttributeValue(null, "rc");
        NameBook name = book.name(label);
        if (name == null) {
            throw new ImportException(file, line, SampleBook.tooManyNames(label));
        }
        book.add(name, ts, elapsed * 1000, s.equals("false"), rc, number(xml, "by", file, line, false),
                xml.getAttributeValue(null, "na") == null ? -1 : number(xml, "na", file, line, false));
    }

    private static String attribute(XMLStreamReader xml, String name, Path file, long line) throws ImportException {
        String v = xml.getAttributeValue(null, name);
        if (v == null) {
            throw new ImportException(file, line, "<" + xml.getLocalName() + "> has no attribute " + name);
        }
        return v;
    }

    private static long number(XMLStreamReader xml, String name, Path file, long line, boolean required)
            throws ImportException {
        String v = required ? attribute(xml, name, file, line) : xml.getAttributeValue(null, name);
        if (v == null) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new ImportException(file, line, "attribute " + name + "='" + JtlCsvReader.abbreviate(v)
                    + "' is not a non-negative whole number");
        }
        return n;
    }

    /** Counts the bytes read and notes when the end of the file was reached. */
    private static final class EndWatch extends FilterInputStream {
        long count;
        boolean ended;

        EndWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                ended = true;
            } else {
                count += n;
            }
            return n;
        }
    }
}
