package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.FillerBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Feeds one exchange's streamed body into its connection's write buffer, a chunk at a time: in-memory pieces are
 * copied, files are read from disk as they are reached, filler is generated. A file whose size is not the one
 * validated (its Content-Length is already on the wire) ends the exchange with {@link BodyChangedException}.
 */
final class BodyFeeder implements AutoCloseable {
    private final List<Body.Piece> pieces;
    private int index;
    private long offset;
    private FileChannel file;

    BodyFeeder(Body.Streamed body) {
        this.pieces = body.pieces();
    }

    /** A body file that no longer has its validated size, or is gone. */
    static final class BodyChangedException extends IOException {
        BodyChangedException(String message) {
            super(message);
        }
    }

    /** Clears {@code out} and fills it with the next bytes, flipped; returns false when the body is complete. */
    boolean fill(ByteBuffer out) throws IOException {
        out.clear();
        while (out.hasRemaining() && index < pieces.size()) {
            Body.Piece piece = pieces.get(index);
            int n = (int) Math.min(out.remaining(), piece.length() - offset);
            if (piece instanceof Body.Fixed fixed) {
                out.put(fixed.data(), (int) offset, n);
            } else if (piece instanceof Body.Filler) {
                FillerBytes.put(out, offset, n);
            } else {
                n = readFile((Body.FilePart) piece, out, n);
            }
            offset += n;
            if (offset == piece.length()) {
                endPiece(piece);
            }
        }
        out.flip();
        return out.hasRemaining();
    }

    private int readFile(Body.FilePart part, ByteBuffer out, int n) throws IOException {
        if (file == null) {
            try {
                file = FileChannel.open(part.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new BodyChangedException("body file " + part.file() + " cannot be opened any more: " + e);
            }
            checkSize(part);
        }
        int limit = out.limit();
        out.limit(out.position() + n);
        try {
            int read = file.read(out, offset);
            if (read < 0) {
                throw new BodyChangedException("body file " + part.file() + " ended after " + offset + " of its "
                        + part.length() + " bytes");
            }
            return read;
        } finally {
            out.limit(limit);
        }
    }

    private void endPiece(Body.Piece piece) throws IOException {
        if (piece instanceof Body.FilePart part) {
            checkSize(part); // a file that grew while sent: the bytes sent are not the file's
            closeFile();
        }
        index++;
        offset = 0;
    }

    private void checkSize(Body.FilePart part) throws IOException {
        long size = file.size();
        if (size != part.length()) {
            throw new BodyChangedException("body file " + part.file() + " is " + size + " bytes now, "
                    + part.length() + " at validation");
        }
    }

    private void closeFile() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public void close() {
        try {
            closeFile();
        } catch (IOException ignored) {
            // a file opened only for reading: closing it cannot lose data
        }
    }
}
