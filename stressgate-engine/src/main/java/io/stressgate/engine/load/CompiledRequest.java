package io.stressgate.engine.load;

import com.fasterxml.jackson.core.JsonPointer;
import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.RequestSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request ready for the wire: its name index, origin, limits, the bytes of a static request encoded once, or the
 * compiled templates of a request that changes per iteration, where extracted values go, its checks (null
 * when it declares none), and how many redirects it follows. A redirect's next hop is a request of its own whose
 * {@link #root} is the flow's request it started from.
 */
final class CompiledRequest {
    private static final String USER_AGENT = "stressgate/1";
    private static final byte[] CRLF = {'\r', '\n'};
    /** The write buffer of a connection sending a streamed body: the chunk read from disk or generated per write. */
    static final int STREAM_CHUNK = 128 * 1024;

    final RequestSpec spec;
    final int name;
    final Origin origin;
    final boolean head;
    final long timeoutNanos;
    final long connectTimeoutNanos;
    final long maxBody;
    final int[] extractSlots;
    final JsonPointer[] extractPointers;
    /** True when the body is read as JSON for extraction or job polling (a body that is not JSON is then an error). */
    final boolean readsJson;
    final CompiledChecks checks;
    /** Where each check is counted under the request's name (null without checks), for the hops of a redirect. */
    final int[] checkSlots;
    final int redirects;
    /** The flow's request this one is a redirect hop of; itself for a request of the flow. */
    CompiledRequest root = this;
    /** Where redirects may go and whether cookies are kept; null where the client acts on neither (the warm-up). */
    ClientRules client;
    private final byte[][] keptHeaders;
    private final byte[] staticBytes;
    /** The method, and the scheme and authority when the target is in absolute form (through a proxy). */
    private final byte[] lineStart;
    private final CompiledTemplate path;
    /** From the end of the target to the last header every request of this origin sends. */
    private final byte[] commonHeaders;
    /** "Name: " of each of the request's own headers. */
    private final byte[][] headerStarts;
    private final CompiledTemplate[] headerValues;
    /** The Content-Type and Content-Length lines, up to the rendered body's length when {@link #lengthFollows}. */
    private final byte[] lengthLines;
    private final boolean lengthFollows;
    private final CompiledTemplate bodyTemplate;
    private final byte[] bodyBytes;
    /** The large body sent from disk or generated as it goes out, or null: the request's bytes then hold the body. */
    private final Body.Streamed streamed;

    private final boolean captureBody;
    /** The request sets Accept-Encoding itself: the client's is left out. */
    private final boolean ownAcceptEncoding;

    CompiledRequest(RequestSpec spec, int name, Origin origin, List<String> slots, boolean captureBody) {
        this(spec, name, origin, slots, captureBody, null);
    }

    /** {@code checkSlots[i]} is where check i of the spec is counted under its request name; null without checks. */
    CompiledRequest(RequestSpec spec, int name, Origin origin, List<String> slots, boolean captureBody, int[] checkSlots) {
        this.readsJson = captureBody || !spec.extract().isEmpty();
        if (!spec.checks().isEmpty() && checkSlots == null) {
            throw new IllegalArgumentException("request " + spec.name() + " declares checks but has nowhere to count them");
        }
        this.checks = spec.checks().isEmpty() ? null : new CompiledChecks(spec.checks(), checkSlots);
        this.checkSlots = checkSlots;
        this.redirects = spec.redirects();
        this.keptHeaders = checks == null ? null : checks.headers;
        this.captureBody = readsJson || spec.readsBody();
        this.spec = spec;
        this.name = name;
        this.origin = origin;
        this.head = spec.method().equals("HEAD");
        this.timeoutNanos = spec.timeout().toNanos();
        this.connectTimeoutNanos = spec.connectTimeout().toNanos();
        this.maxBody = spec.maxResponseBytes();
        this.extractSlots = spec.extract().keySet().stream().mapToInt(slots::indexOf).toArray();
        this.extractPointers = spec.extract().values().stream().map(JsonPointer::compile).toArray(JsonPointer[]::new);
        this.path = new CompiledTemplate(spec.pathAndQuery(), slots, CompiledTemplate.Place.URL);
        this.headerStarts = spec.headers().stream().map(h -> utf8(h.name() + ": ")).toArray(byte[][]::new);
        this.ownAcceptEncoding = spec.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Accept-Encoding"));
        this.headerValues = spec.headers().stream().map(h -> new CompiledTemplate(h.value(), slots, CompiledTemplate.Place.HEADER)).toArray(CompiledTemplate[]::new);
        this.bodyTemplate = spec.body() instanceof Body.Text t
                ? new CompiledTemplate(t.template(), slots, t.json() ? CompiledTemplate.Place.JSON : CompiledTemplate.Place.BODY) : null;
        this.bodyBytes = spec.body() instanceof Body.Bytes b ? b.data() : null;
        this.streamed = spec.body() instanceof Body.Streamed b ? b : null;
        this.lineStart = utf8(spec.method() + ' ' + (origin.absoluteForm() ? "http://" + origin.hostHeader : ""));
        this.commonHeaders = utf8(" HTTP/1.1\r\nHost: " + origin.hostHeader + "\r\nUser-Agent: " + USER_AGENT + "\r\nAccept: */*\r\n"
                + (origin.acceptEncoding != null && !ownAcceptEncoding ? "Accept-Encoding: " + origin.acceptEncoding + "\r\n" : ""));
        this.lengthFollows = bodyTemplate != null || bodyBytes != null;
        this.lengthLines = utf8(lengthLines(spec, streamed, lengthFollows));
        this.staticBytes = spec.isStatic() ? staticEncoding() : null;
    }

    private static String lengthLines(RequestSpec spec, Body.Streamed streamed, boolean lengthFollows) {
        if (streamed != null) {
            return "Content-Type: " + streamed.contentType() + "\r\nContent-Length: " + streamed.length() + "\r\n";
        } else if (lengthFollows) {
            return "Content-Type: " + spec.body().contentType() + "\r\nContent-Length: ";
        }
        boolean sendsBody = spec.method().equals("POST") || spec.method().equals("PUT") || spec.method().equals("PATCH");
        return sendsBody ? "Content-Length: 0\r\n" : "";
    }

    /** True when the response body must be kept to extract values or check it. */
    boolean capture() {
        return captureBody;
    }

    /** True when the response's Location and Set-Cookie headers are read (to follow it, to keep its cookies). */
    boolean tapsHops() {
        return client != null && (redirects > 0 || client.cookies);
    }

    /** The path and query this request is sent to by iteration {@code it}, rendered (for a redirect or a cookie). */
    String target(Iteration it) {
        if (path.isStatic()) {
            return path.text();
        }
        ByteBuffer target = ByteBuffer.allocate(path.length(it));
        path.write(target, it);
        return new String(target.array(), StandardCharsets.UTF_8);
    }

    /** The lower-case names of the headers the checks read, or null when none does. */
    byte[][] keptHeaders() {
        return keptHeaders;
    }

    /**
     * Writes the request into {@code out} (cleared first), growing it when needed; returns the buffer to write.
     * The buffer is direct, so the socket writes it without a copy through the JDK's temporary buffers. For a
     * streamed body only the head goes in, and the buffer is made big enough for {@link #feeder()}'s chunks.
     * Placeholders are written straight into it: without cookies to add, nothing is allocated once it is big enough.
     */
    ByteBuffer write(ByteBuffer out, Iteration it) {
        if (staticBytes != null) {
            out = room(out, staticBytes.length);
            out.put(staticBytes);
        } else {
            int bodyLength = bodyLength(it);
            out = room(out, headLength(it, bodyLength) + bodyLength);
            encode(out, it, bodyLength);
        }
        out.flip();
        if (it != null && it.cookies != null && it.cookies.size() > 0) {
            out = withCookies(out, it);
        }
        return out;
    }

    /** A new feeder for this request's streamed body, or null when the bytes from {@link #write} are the whole request. */
    BodyFeeder feeder() {
        return streamed == null ? null : new BodyFeeder(streamed);
    }

    /** {@code out} cleared, or a bigger direct buffer when it cannot take {@code length} bytes (or a streamed body's chunk). */
    private ByteBuffer room(ByteBuffer out, int length) {
        int need = streamed == null ? length : Math.max(length, STREAM_CHUNK);
        if (out.capacity() < need) {
            out = ByteBuffer.allocateDirect(Math.max(need, out.capacity() * 2));
        }
        return out.clear();
    }

    /** The written request (flipped) with the Cookie header of the iteration's jar added, when one of its cookies applies. */
    private ByteBuffer withCookies(ByteBuffer out, Iteration it) {
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        byte[] withCookie = it.cookies.addTo(bytes, origin, System.nanoTime());
        out = room(out, withCookie.length);
        out.put(withCookie);
        return out.flip();
    }

    private byte[] staticEncoding() {
        int bodyLength = bodyLength(null);
        ByteBuffer b = ByteBuffer.allocate(headLength(null, bodyLength) + bodyLength);
        encode(b, null, bodyLength);
        return b.array();
    }

    private int bodyLength(Iteration it) {
        return bodyTemplate != null ? bodyTemplate.length(it) : bodyBytes != null ? bodyBytes.length : 0;
    }

    /** The bytes {@link #encode} writes before the body. */
    private int headLength(Iteration it, int bodyLength) {
        int n = lineStart.length + path.length(it) + commonHeaders.length + lengthLines.length + 2;
        for (int i = 0; i < headerStarts.length; i++) {
            n += headerStarts[i].length + headerValues[i].length(it) + 2;
        }
        return lengthFollows ? n + WireText.digits(bodyLength) + 2 : n;
    }

    /** Writes the head, then the body of {@code bodyLength} bytes, into {@code out}, which has room for both. */
    private void encode(ByteBuffer out, Iteration it, int bodyLength) {
        out.put(lineStart);
        path.write(out, it);
        out.put(commonHeaders);
        for (int i = 0; i < headerStarts.length; i++) {
            out.put(headerStarts[i]);
            headerValues[i].write(out, it);
            out.put(CRLF);
        }
        out.put(lengthLines);
        if (lengthFollows) {
            WireText.putLong(out, bodyLength);
            out.put(CRLF);
        }
        out.put(CRLF);
        if (bodyBytes != null) {
            out.put(bodyBytes);
        } else if (bodyTemplate != null) {
            int start = out.position();
            bodyTemplate.write(out, it);
            if (out.position() - start != bodyLength) {
                throw new IllegalStateException("the body of request " + spec.name() + " took " + (out.position() - start)
                        + " bytes, not the " + bodyLength + " its Content-Length says");
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
