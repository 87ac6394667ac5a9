package io.stressgate.engine.load;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A request as HTTP/2 sends it: the header list (pseudo-headers first, names in lower case, no connection-specific
 * fields) and the body. It is read from the HTTP/1.1 bytes {@link CompiledRequest} writes, so both versions send the
 * same method, path, headers and body from one definition; a static request is translated once per event loop.
 */
record Http2Request(Http2Headers headers, byte[] body) {
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    /** Fields HTTP/2 forbids (RFC 9113, 8.2.2), and Host, which becomes :authority. */
    private static final Set<String> DROPPED = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te");

    /**
     * Translates what {@code r} writes for {@code it}; {@code scratch} is a buffer to write it into (grown when small).
     * An h2c origin behind a proxy is reached through a tunnel, so the absolute form HTTP/1.1 writes for a proxy is
     * taken back to a path.
     */
    static Http2Request of(CompiledRequest r, Iteration it, ByteBuffer[] scratch) {
        ByteBuffer written = r.write(scratch[0], it);
        scratch[0] = written;
        byte[] wire = new byte[written.remaining()];
        written.get(wire);
        int absolute = r.origin.absoluteForm() ? ("http://" + r.origin.hostHeader).length() : 0;
        return parse(wire, r.origin.tls() ? "https" : "http", r.origin.hostHeader, absolute);
    }

    /** Reads a request head and body as HTTP/1.1 writes them (a well-formed request of our own). */
    static Http2Request parse(byte[] wire, String scheme, String authority) {
        return parse(wire, scheme, authority, 0);
    }

    /** As {@link #parse(byte[], String, String)}, leaving out the first {@code skip} bytes of the request target. */
    static Http2Request parse(byte[] wire, String scheme, String authority, int skip) {
        int headEnd = indexOf(wire, CRLF_CRLF, 0);
        if (headEnd < 0) {
            throw new IllegalArgumentException("a request without the end of its head");
        }
        int lineEnd = indexOf(wire, CRLF_CRLF, 0, 2, headEnd);
        int firstSpace = indexOf(wire, (byte) ' ', 0, lineEnd);
        int secondSpace = lastIndexOf(wire, (byte) ' ', firstSpace + 1, lineEnd);
        Http2Headers headers = new DefaultHttp2Headers(false)
                .method(new AsciiString(wire, 0, firstSpace, true))
                .path(new AsciiString(wire, firstSpace + 1 + skip, secondSpace - firstSpace - 1 - skip, true))
                .scheme(scheme)
                .authority(authority);
        int at = lineEnd + 2;
        while (at < headEnd + 2) {
            int end = indexOf(wire, CRLF_CRLF, at, 2, headEnd + 2);
            int colon = indexOf(wire, (byte) ':', at, end);
            String name = new String(wire, at, colon - at, java.nio.charset.StandardCharsets.ISO_8859_1).trim()
                    .toLowerCase(java.util.Locale.ROOT);
            int valueStart = colon + 1;
            while (valueStart < end && wire[valueStart] == ' ') {
                valueStart++;
            }
            if (!DROPPED.contains(name)) {
                headers.add(new AsciiString(name), new AsciiString(wire, valueStart, end - valueStart, true));
            }
            at = end + 2;
        }
        int bodyStart = headEnd + 4;
        byte[] body = bodyStart == wire.length ? null : java.util.Arrays.copyOfRange(wire, bodyStart, wire.length);
        return new Http2Request(headers, body);
    }

    private static int indexOf(byte[] a, byte[] needle, int from) {
        int at = indexOf(a, needle, from, needle.length, a.length);
        return at == a.length ? -1 : at;
    }

    /** Where the first {@code length} bytes of {@code needle} start in {@code a} between {@code from} and {@code to}. */
    private static int indexOf(byte[] a, byte[] needle, int from, int length, int to) {
        for (int i = from; i <= to - length; i++) {
            int j = 0;
            while (j < length && a[i + j] == needle[j]) {
                j++;
            }
            if (j == length) {
                return i;
            }
        }
        return to;
    }

    private static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("a request line or header without '" + (char) b + "'");
    }

    private static int lastIndexOf(byte[] a, byte b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("a request line without its version");
    }
}
