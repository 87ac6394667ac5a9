package io.stressgate.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body within limits: a declared Content-Length over the limit is refused before a byte is read, the
 * bytes on the wire are counted as they arrive, and a gzip body is inflated only up to the decompressed limit, so a
 * bomb costs no more memory than an honest body.
 */
final class BodyReader {
    private final long maxBytes;
    private final long maxDecompressedBytes;

    BodyReader(long maxBytes, long maxDecompressedBytes) {
        this.maxBytes = maxBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge("the body of " + declared + " bytes is larger than the limit of " + maxBytes + " bytes");
        }
        InputStream wire = new CappedStream(request.getInputStream(), maxBytes, "the body is larger than the limit of "
                + maxBytes + " bytes");
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return readAll(wire);
        }
        if (!encoding.trim().equalsIgnoreCase("gzip")) {
            throw new ApiException(415, "unsupported_encoding", "Content-Encoding " + encoding.trim()
                    + " is not supported; send identity or gzip", Map.of("header", "Content-Encoding"), null);
        }
        try (InputStream inflated = new CappedStream(new GZIPInputStream(wire, 8192), maxDecompressedBytes,
                "the body inflates to more than the limit of " + maxDecompressedBytes + " bytes")) {
            return readAll(inflated);
        } catch (ZipException | EOFException e) {
            throw new ApiException(400, "malformed", "the body is not valid gzip: " + e.getMessage(), Map.of("pointer", ""), null);
        }
    }

    /**
     * Reads and throws away what is left of a refused body, up to a few times the limit; a declared length over that
     * is not waited for. Whatever is left unread, the container closes the connection on.
     */
    void discardRest(HttpServletRequest request) {
        long budget = Math.max(4 * maxBytes, 1 << 20);
        if (request.getContentLengthLong() > budget) {
            return;
        }
        byte[] sink = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (long left = budget; left > 0; ) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the body was read another way: nothing left to drain
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static ApiException tooLarge(String message) {
        return new ApiException(413, "too_large", message, Map.of("pointer", ""), null);
    }

    /** Counts the bytes read through it and refuses to go past the cap. */
    private static final class CappedStream extends FilterInputStream {
        private final long cap;
        private final String message;
        private long count;

        CappedStream(InputStream in, long cap, String message) {
            super(in);
            this.cap = cap;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, cap - count + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > cap) {
                throw tooLarge(message);
            }
        }
    }
}
