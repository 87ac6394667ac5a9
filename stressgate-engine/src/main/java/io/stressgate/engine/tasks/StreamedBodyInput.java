package io.stressgate.engine.tasks;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.FillerBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.Iterator;

/**
 * The bytes of a {@link Body.Streamed} as an input stream, for the JDK client that sends the drain sweep's poll
 * requests: files are opened as they are reached and must still have the size they had at validation.
 */
final class StreamedBodyInput {
    private StreamedBodyInput() {
    }

    static InputStream open(Body.Streamed body) {
        Iterator<Body.Piece> pieces = body.pieces().iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            public boolean hasMoreElements() {
                return pieces.hasNext();
            }

            public InputStream nextElement() {
                return stream(pieces.next());
            }
        });
    }

    private static InputStream stream(Body.Piece piece) {
        if (piece instanceof Body.Fixed fixed) {
            return new ByteArrayInputStream(fixed.data());
        }
        if (piece instanceof Body.FilePart file) {
            return new SizedFileInput(file);
        }
        return new FillerInput(piece.length());
    }

    /** A file that fails the read when its size is not the one validated, so no wrong Content-Length goes out. */
    private static final class SizedFileInput extends InputStream {
        private final Body.FilePart part;
        private InputStream in;
        private long read;

        SizedFileInput(Body.FilePart part) {
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (in == null) {
                in = Files.newInputStream(part.file());
            }
            int n = in.read(b, off, (int) Math.min(len, Math.max(0, part.length() - read)));
            if (n > 0) {
                read += n;
                return n;
            }
            if (read != part.length() || Files.size(part.file()) != part.length()) {
                throw new IOException("body file " + part.file() + " changed size: " + part.length() + " bytes at validation, "
                        + Files.size(part.file()) + " now");
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** The generated filler bytes of one piece. */
    private static final class FillerInput extends InputStream {
        private final long length;
        private long offset;

        FillerInput(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return offset < length ? FillerBytes.at(offset++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (offset >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - offset);
            FillerBytes.put(ByteBuffer.wrap(b, off, n), offset, n);
            offset += n;
            return n;
        }
    }
}
